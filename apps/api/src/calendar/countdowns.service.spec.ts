import type { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import type { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import { ClockService } from './clock.service';
import { CountdownsService } from './countdowns.service';

const DAY = 24 * 3_600_000;

const countdowns = (settings: Partial<Environment>) =>
  new CountdownsService(
    new CalendarService({ overrides: async () => [] } as unknown as CalendarRepository),
    new ClockService({ get: (key: keyof Environment) => settings[key] } as ConfigService<Environment, true>),
  );

describe('countdowns in working days', () => {
  it('counts the working days to a deadline on the real clock', async () => {
    const [left, none] = await countdowns({}).of([new Date(Date.now() + 14 * DAY), null]);
    // Two weeks hold ten working days, a holiday or a day's edge aside.
    expect(left).toBeGreaterThanOrEqual(6);
    expect(left).toBeLessThanOrEqual(10);
    expect(none).toBeNull();
  });

  it('gives no countdown for a date beyond the horizon, at once, whichever clock wrote it', async () => {
    // On a shortened clock (a day lasts two seconds) a deadline a month off on the wall is millennia off.
    const fast = countdowns({ NGK_DAY_SECONDS: 2, NGK_CLOCK_EPOCH: new Date().toISOString() });
    expect(await fast.of([new Date(Date.now() + 30 * DAY), new Date(Date.now() - 30 * DAY)])).toEqual([
      null,
      null,
    ]);
    const [soon] = await fast.of([new Date(Date.now() + 10_000)]);
    expect(soon).toBeGreaterThanOrEqual(2);
    expect(soon).toBeLessThanOrEqual(5);
  });
});
