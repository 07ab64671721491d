import type { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import { localDate } from '@ngk/domain';
import { ClockService } from './clock.service';

const clock = (settings: Partial<Environment>) =>
  new ClockService({ get: (key: keyof Environment) => settings[key] } as ConfigService<Environment, true>);

describe("the API's clock", () => {
  it('is the real one without a day length', () => {
    const before = localDate(Date.now());
    const today = clock({}).today();
    expect([before, localDate(Date.now())]).toContain(today);
  });

  it("is a demo's shortened one when NGK_DAY_SECONDS is set: today is the clock's day, not the wall's", () => {
    const epoch = new Date(Date.now() - 5_000).toISOString();
    // One day lasts a second, from 2026-03-02 08:00 in Việt Nam five seconds ago: five days on.
    const fast = clock({
      NGK_DAY_SECONDS: 1,
      NGK_CLOCK_EPOCH: epoch,
      NGK_CLOCK_START: '2026-03-02T08:00:00+07:00',
    });
    expect(['2026-03-07', '2026-03-08']).toContain(fast.today());
    expect(fast.now()).toBeGreaterThan(Date.parse('2026-03-07T00:00:00+07:00'));
  });
});
