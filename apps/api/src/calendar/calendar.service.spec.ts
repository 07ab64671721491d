import type { CalendarRepository, OverrideRow } from './calendar.repository';
import { CalendarService } from './calendar.service';

const override = (date: string, kind: 'holiday' | 'working'): OverrideRow => ({
  date,
  kind,
  name: kind === 'holiday' ? 'Nghỉ thêm' : 'Làm bù',
  legalBasis: null,
  updatedAt: new Date('2026-11-20T02:00:00Z'),
});

/** The service over a repository whose overrides the test sets, as an admin would. */
function calendarWith(initial: OverrideRow[]) {
  let rows = initial;
  const repository = { overrides: async () => rows.map((row) => ({ ...row })) };
  const service = new CalendarService(repository as unknown as CalendarRepository);
  return { service, set: (next: OverrideRow[]) => (rows = next) };
}

describe('the working calendar one reading gives', () => {
  it('is the same calendar while the overrides stay the same, read afresh each time', async () => {
    const { service } = calendarWith([override('2026-12-24', 'holiday')]);
    const first = await service.reading();
    const second = await service.reading();
    expect(second.calendar).toBe(first.calendar);
    expect(second.overrides).toEqual(first.overrides);
    expect(second.calendar.isWorkingDay('2026-12-24')).toBe(false);
  });

  it('is made again once an override is added, changed or taken away', async () => {
    const { service, set } = calendarWith([]);
    const before = (await service.reading()).calendar;
    expect(before.isWorkingDay('2026-12-24')).toBe(true);

    set([override('2026-12-24', 'holiday')]);
    const added = (await service.reading()).calendar;
    expect(added).not.toBe(before);
    expect(added.isWorkingDay('2026-12-24')).toBe(false);

    // Another day, a make-up working Saturday, in its place.
    set([override('2026-12-26', 'working')]);
    const changed = (await service.reading()).calendar;
    expect(changed.isWorkingDay('2026-12-24')).toBe(true);
    expect(changed.isWorkingDay('2026-12-26')).toBe(true);

    set([{ ...override('2026-12-26', 'working'), updatedAt: new Date('2026-11-21T02:00:00Z') }]);
    expect((await service.reading()).calendar).not.toBe(changed);

    set([]);
    expect((await service.reading()).calendar.isWorkingDay('2026-12-26')).toBe(false);
  });
});
