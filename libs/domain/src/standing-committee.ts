import { inputRefusal, type LifecycleSnapshot, type Refusal } from './lifecycle';
import type { ActionInput } from './catalogue/actions';
import { FINAL_STATUSES, RECOMMENDATION_STATUSES, type RecommendationStatus } from './recommendation';

/**
 * The Standing Committee's meetings (issue 18): an agenda proposed from four sources, edited by the
 * secretariat, frozen, then ruled on line by line. A ruling on an item is a directive sent through the
 * item's own workflow; a ruling on an emerging issue is a text.
 */

/** Where an agenda line comes from; `added` is a line the secretariat added by hand. */
export const AGENDA_SOURCES = [
  'standing-committee-review',
  'overdue-level-1',
  'ruling-request',
  'emerging-issue',
  'added',
] as const;
export type AgendaSource = (typeof AGENDA_SOURCES)[number];

/** What a ruling decides: a directive's kind for an item, a text for an emerging issue. */
export const ITEM_RULING_KINDS = ['new-deadline', 'new-lead-unit', 'close'] as const;
export const RULING_KINDS = [...ITEM_RULING_KINDS, 'text'] as const;
export type RulingKind = (typeof RULING_KINDS)[number];

/** Statuses in which a ruling still changes something: neither before routing nor after closure. */
const RULED_STATUSES: readonly RecommendationStatus[] = RECOMMENDATION_STATUSES.filter(
  (status) => status !== 'submitted' && !FINAL_STATUSES.includes(status),
);

/** A ruling on an item as its workflow takes it. */
export interface ItemRuling {
  kind: (typeof ITEM_RULING_KINDS)[number];
  /** The conclusion's text. */
  text: string;
  dueDate?: string;
  workingDays?: number;
  leadUnitId?: string;
}

/** The directive a ruling amounts to: the same input the committee's directive action takes. */
export function rulingDirective(ruling: ItemRuling): Extract<ActionInput, { action: 'directive' }> {
  return {
    action: 'directive',
    kind: ruling.kind,
    reason: ruling.text,
    ...(ruling.dueDate ? { dueDate: ruling.dueDate } : {}),
    ...(ruling.workingDays !== undefined ? { workingDays: ruling.workingDays } : {}),
    ...(ruling.leadUnitId ? { leadUnitId: ruling.leadUnitId } : {}),
  };
}

/** Why the item cannot take this ruling now (closed, or the ruling misses a field), or null. */
export function rulingRefusal(snapshot: LifecycleSnapshot, ruling: ItemRuling): Refusal | null {
  if (!RULED_STATUSES.includes(snapshot.status))
    return {
      code: 'wrong-state',
      rule: 'lifecycle.not-allowed-in-state',
      reason: `a ruling is not possible while the item is ${snapshot.status}`,
      params: { action: 'directive', status: snapshot.status },
    };
  return inputRefusal(rulingDirective(ruling), snapshot);
}

/**
 * What a ruling misses as a directive would (a text, a deadline, a unit), whatever the item's state: the
 * API checks it as the ruling is recorded, before the item's workflow checks it again in turn.
 */
export function rulingContentRefusal(ruling: ItemRuling): Refusal | null {
  // The directive's content rules read nothing of the item.
  const anyItem: LifecycleSnapshot = {
    status: 'standing-committee-review',
    submittedByUserId: '',
    leadUnitId: null,
    pendingCoordinationUnitIds: [],
    disputeCount: 0,
    outcome: null,
    supervisingUnitId: null,
    pendingExtension: null,
  };
  return inputRefusal(rulingDirective(ruling), anyItem);
}

/** A meeting's date as the timeline words it: dd/mm/yyyy. */
export function meetingDateLabel(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}
