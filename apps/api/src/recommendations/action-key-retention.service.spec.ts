import type { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import { ActionKeyRetention } from './action-key-retention.service';
import type { IdempotencyRepository } from './idempotency.repository';

describe('ActionKeyRetention', () => {
  const config = { get: () => 7 } as unknown as ConfigService<Environment, true>;

  it('deletes in batches until one comes back short, and says how many in all', async () => {
    const batches = [5_000, 5_000, 12];
    const calls: [number, number][] = [];
    const keys = {
      deleteActionsOlderThan: async (days: number, limit: number) => {
        calls.push([days, limit]);
        return batches.shift() ?? 0;
      },
    } as unknown as IdempotencyRepository;
    expect(await new ActionKeyRetention(keys, config).purge()).toBe(10_012);
    expect(calls).toEqual([
      [7, 5_000],
      [7, 5_000],
      [7, 5_000],
    ]);
  });

  it('makes one call when nothing has expired', async () => {
    const deleteActionsOlderThan = jest.fn(async () => 0);
    const keys = { deleteActionsOlderThan } as unknown as IdempotencyRepository;
    expect(await new ActionKeyRetention(keys, config).purge()).toBe(0);
    expect(deleteActionsOlderThan).toHaveBeenCalledTimes(1);
  });
});
