import { addDays, atLocalTime, localDate, type LocalDate } from './calendar/working-calendar';

/** Actions an item took on one day of the province (Việt Nam time, UTC+7). */
export interface ActionDay {
  day: LocalDate;
  count: number;
}

/** Actions an item may take a day unless its workflow was started with a cap of its own. */
export const DEFAULT_ACTIONS_PER_ITEM_PER_DAY = 100;

/** The actions already taken on the day of `at`: a count from an earlier day is zero. */
export function actionsOnDay(taken: ActionDay | null | undefined, at: number): number {
  return taken && taken.day === localDate(at) ? taken.count : 0;
}

/** The count after one more action at `at`. */
export function countAction(taken: ActionDay | null | undefined, at: number): ActionDay {
  return { day: localDate(at), count: actionsOnDay(taken, at) + 1 };
}

/** Whole seconds from `at` until the next day begins in Việt Nam (at least one). */
export function secondsUntilNextDay(at: number): number {
  const next = atLocalTime(addDays(localDate(at), 1), '00:00');
  return Math.max(1, Math.ceil((next - at) / 1000));
}
