import { cadreInCharge } from './handover';
import type { TaskRole, TaskStatus } from './lifecycle';
import type { RecommendationStatus } from './recommendation';
import type { ActorContext } from './roles';

/** What an item waits for from one person: their step, and the deadline of it (null: none runs). */
export interface Waiting {
  step: 'feedback' | 'provide-info' | 'verify' | TaskRole;
  dueAt: string | null;
}

export interface WaitingFacts {
  status: RecommendationStatus;
  submittedByUserId: string;
  /** The cadre in charge since a handover (absent or null: the submitter). */
  cadreInChargeUserId?: string | null;
  feedbackDueAt: string | Date | null;
  /** When the cadre's time to give the information asked for ends (absent or null: no deadline). */
  infoDueAt?: string | Date | null;
  verificationDueAt: string | Date | null;
  tasks: readonly { unitId: string; role: TaskRole; status: TaskStatus; dueAt: string | Date | null }[];
}

/** Which role may take up a unit's open task of each kind: extensions are decided by the unit's head. */
const TASK_HOLDERS: Record<TaskRole, readonly string[]> = {
  lead: ['unit-officer', 'unit-head'],
  coordinating: ['unit-officer', 'unit-head'],
  triage: ['unit-officer', 'unit-head'],
  extension: ['unit-head'],
  directive: ['standing-committee'],
};

const iso = (d: string | Date | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * Whether an item waits for this person ("cần bạn xử lý") and until when: the cadre in charge of it (its
 * submitter until a handover) for feedback, information or verification; a unit's people for their unit's open tasks, soonest first.
 */
export function waitingFor(facts: WaitingFacts, actor: ActorContext): Waiting | null {
  if (actor.role === 'cadre') {
    if (cadreInCharge(facts) !== actor.userId) return null;
    switch (facts.status) {
      case 'resolved':
        return { step: 'feedback', dueAt: iso(facts.feedbackDueAt) };
      case 'awaiting-info':
        return { step: 'provide-info', dueAt: iso(facts.infoDueAt ?? null) };
      case 'awaiting-verification':
        return { step: 'verify', dueAt: iso(facts.verificationDueAt) };
      default:
        return null;
    }
  }
  const mine = facts.tasks
    .filter(
      (t) => t.status === 'open' && t.unitId === actor.unitId && TASK_HOLDERS[t.role].includes(actor.role),
    )
    .map((t) => ({ step: t.role, dueAt: iso(t.dueAt) }))
    .sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
  return mine[0] ?? null;
}
