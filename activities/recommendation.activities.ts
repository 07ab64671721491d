import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { MAIL_TRANSPORT } from './mail.activities';
import {
  ACTION_CATALOGUE,
  escalationLevelAfter,
  eventTypesStamping,
  extensionDaysAfter,
  extensionDaysChange,
  FINAL_STATUSES,
  resolutionTimeliness,
  TimeScale,
  type SlaClock,
  notificationFor,
  notificationSubject,
  type Audience,
  type RecommendationEventType,
  type RecommendationStatus,
  type RoutingDecision,
  type SubmissionInput,
  type TaskRole,
  type TaskStatus,
} from '@ngk/domain';
import type { SubmissionRouting, SubmissionRoutingRequest } from '@ngk/domain/deadline-plan';
import type { RecommendationPatch } from '@ngk/persistence';
import {
  ProjectionRepository,
  type AloneEvent,
  type ItemBrief,
  type KpiColumns,
  type KpiState,
  type Notice,
  type ProjectionTransaction,
  type Recipient,
} from './projection.repository';
import { RoutingRepository } from './routing.repository';
import { loadClock, SLA_TIME_SCALE } from './sla.activities';
import { SlaRepository } from './sla.repository';

export type { SubmissionRouting, SubmissionRoutingRequest };

export interface RoutingLookup {
  categoryCode: string;
  localityUnitId: string;
}

export type { RecommendationPatch };

/** Picks an item's open tasks by role, and by unit when given. */
export interface TaskSelector {
  role: TaskRole;
  unitId?: string;
}

/** Task changes carried by an event: closes apply first, then opens, then deadline and overdue changes. */
export interface TaskChanges {
  open?: { unitId: string; role: TaskRole; dueAt?: string | null }[];
  close?: (TaskSelector & { status: Exclude<TaskStatus, 'open'>; note?: string })[];
  due?: (TaskSelector & { dueAt: string | null })[];
  overdue?: (TaskSelector & { overdue: boolean })[];
}

/** One transition of a recommendation, numbered by its workflow. */
export interface ProjectedEvent {
  recommendationId: string;
  seq: number;
  type: RecommendationEventType;
  actorUserId: string | null;
  actorUnitId: string | null;
  /** The actor's role and the request that caused the event, for people's actions. */
  actorRole?: string | null;
  requestId?: string | null;
  occurredAt: string;
  reason: string | null;
  statusBefore: RecommendationStatus | null;
  statusAfter: RecommendationStatus;
  payload: Record<string, unknown>;
  /** Present on the first event only: the submission becomes the read-model row. */
  create?: { workflowId: string; submission: SubmissionInput; submittedAt: string };
  patch?: RecommendationPatch;
  tasks?: TaskChanges;
}

/**
 * Activities of the recommendation workflow. Every write is keyed by (recommendation, event sequence),
 * so a retried activity changes nothing twice.
 */
@Injectable()
export class RecommendationActivities {
  constructor(
    private readonly routing: RoutingRepository,
    private readonly projection: ProjectionRepository,
    private readonly sla: SlaRepository,
    @Inject(SLA_TIME_SCALE) private readonly scale: TimeScale,
    @Optional() @Inject(MAIL_TRANSPORT) private readonly mailTransport: Transporter | null = null,
  ) {}

  /** The routing rule's decision, or null when no rule matches and the triage office must route by hand. */
  findRouting(lookup: RoutingLookup): Promise<RoutingDecision | null> {
    return this.routing.find(lookup);
  }

  /**
   * A submission's first routing in one call: the rule's decision (or the triage office when none
   * matches) and the deadlines of the clocks it starts, planned on the policy the rule names. Items whose
   * API routed them before starting them (their input's `routing`) never call it.
   */
  routeSubmission(request: SubmissionRoutingRequest): Promise<SubmissionRouting> {
    return this.routing.routeSubmission(this.scale, request);
  }

  /** The item a duplicate merges into: its number and title for the timeline, its workflow to tell. */
  async itemBrief(lookup: { recommendationId: string }): Promise<ItemBrief | null> {
    return this.projection.brief(lookup.recommendationId);
  }

  /**
   * Appends the event and applies its patch, at most once per sequence number: in one statement when its
   * writes need nothing read first, in one transaction otherwise (a submission's row, a resolution's
   * KPI, a duplicate's followers).
   */
  async projectEvent(event: ProjectedEvent): Promise<ProjectionResult> {
    const context = this.projecting();
    const patch = readModelPatch(event);
    if (!event.create && writesAlone(event, patch))
      return this.projection.projectAlone(aloneEvent(event, patch, context.emailEnabled));
    return this.projection.transaction((tx) => applyEvent(tx, event, context));
  }

  /**
   * Events one turn recorded back to back (a submission and its routing), in order, in one transaction:
   * each at most once per sequence number, as projectEvent would have applied it.
   */
  async projectEvents(events: ProjectedEvent[]): Promise<ProjectionResult[]> {
    return this.projection.transaction(async (tx) => {
      const results: ProjectionResult[] = [];
      const context = this.projecting();
      for (const event of events) results.push(await applyEvent(tx, event, context));
      return results;
    });
  }

  /** What a projection reads besides the event: the SLA clock, when a KPI needs it, and the mail setting. */
  private readonly projecting = (): ProjectionContext => ({
    clock: () => loadClock(this.sla, this.scale),
    emailEnabled: this.mailTransport !== null,
  });
}

/** What a projection did: whether the event was new, and how many emails it queued. */
export interface ProjectionResult {
  applied: boolean;
  emails: number;
}

interface ProjectionContext {
  clock: () => Promise<SlaClock>;
  emailEnabled: boolean;
}

/** One event's writes in the transaction: nothing when its sequence number is in already. */
async function applyEvent(
  tx: ProjectionTransaction,
  event: ProjectedEvent,
  context: ProjectionContext,
): Promise<ProjectionResult> {
  const patch = readModelPatch(event);
  if (event.create)
    await tx.insertRecommendation(
      event.recommendationId,
      event.create,
      rowAsOfEvent(event, patch) ? event : undefined,
    );
  if (writesAlone(event, patch)) return tx.projectAlone(aloneEvent(event, patch, context.emailEnabled));
  const state = await tx.appendEvent(event);
  if (!state) return { applied: false, emails: 0 };
  const kpi = state.lastEventSeq < event.seq ? await kpiColumns(event, patch, state, context.clock) : {};
  if (patch.duplicateOfId) await tx.followOriginal(event.recommendationId, patch.duplicateOfId);
  // Who hears of it is written with the event: once per event and recipient, whatever retries.
  const notice = noticeOf(event, patch, context.emailEnabled);
  const emails = notice ? await tx.insertNotifications(event, notice) : 0;
  await tx.updateReadModel(event, patch, kpi);
  return { applied: true, emails };
}

/**
 * Whether a new item's row can be written as its first event leaves it (insertRecommendation's `asOf`):
 * when the event sets nothing but the status, sequence number and time, as a submission does. Any other
 * event's own update sets the rest, on a row written before it.
 */
function rowAsOfEvent(event: ProjectedEvent, patch: RecommendationPatch): boolean {
  return (
    Object.keys(patch).length === 0 &&
    !FINAL_STATUSES.includes(event.statusAfter) &&
    !STAMPING_EVENTS.includes(event.type)
  );
}

/**
 * Whether one statement holds the event's writes (ProjectionRepository.projectAlone): not when they need
 * the row read first, as a first resolution's KPI is worked out on the SLA calendar from the row, and a
 * duplicate's merge copies its followers.
 */
function writesAlone(event: ProjectedEvent, patch: RecommendationPatch): boolean {
  return !RESOLVING.includes(event.type) && !patch.duplicateOfId;
}

/** The event as projectAlone writes it. */
function aloneEvent(event: ProjectedEvent, patch: RecommendationPatch, emailEnabled: boolean): AloneEvent {
  return {
    event,
    patch,
    extensionDays: extensionDaysChange(event),
    notice: noticeOf(event, patch, emailEnabled),
  };
}

/**
 * The KPI columns an event sets: the extension days in the deadline in force, and at the first
 * resolution its class (libs/domain kpi.ts) and working days taken, on the SLA clock and calendar.
 */
async function kpiColumns(
  event: ProjectedEvent,
  patch: RecommendationPatch,
  row: KpiState,
  loadSlaClock: () => Promise<SlaClock>,
): Promise<KpiColumns> {
  const dueAt = row.dueAt?.getTime() ?? null;
  const changed =
    'resolutionDueAt' in patch &&
    (patch.resolutionDueAt ? Date.parse(patch.resolutionDueAt) : null) !== dueAt;
  const columns: KpiColumns = {
    resolution_extension_days: extensionDaysAfter(row.extensionDays, {
      type: event.type,
      payload: event.payload,
      deadlineChanged: changed,
    }),
  };
  if (row.resolvedAt === null && RESOLVING.includes(event.type)) {
    const clock = await loadSlaClock();
    const at = Date.parse(event.occurredAt);
    const kpi = resolutionTimeliness(at, {
      dueAt,
      originalDueAt: dueAt === null ? null : clock.beforeExtensions(dueAt, row.extensionDays),
    });
    columns.resolved_on_time = kpi !== 'late';
    columns.resolved_after_extension = kpi === 'on-time-after-extension';
    columns.resolve_working_days = clock.workingDaysBetween(row.createdAt.getTime(), at);
  }
  return columns;
}

/** The events whose first occurrence resolves an item. */
const RESOLVING = eventTypesStamping('resolvedAt');
/** Events that stamp a first acknowledgement or resolution on the row. */
const STAMPING_EVENTS = [...eventTypesStamping('acknowledgedAt'), ...RESOLVING];

/** The event's patch as the read model keeps it. */
function readModelPatch(event: ProjectedEvent): RecommendationPatch {
  const patch: RecommendationPatch = { ...event.patch };
  // The read model counts a second dispute as the Standing Committee's level, like a breach.
  if ('escalationLevel' in patch) {
    patch.escalationLevel = escalationLevelAfter(
      patch.escalationLevel as number,
      event.statusBefore,
      event.statusAfter,
    );
  }
  return patch;
}

/** In-app notifications for the event's audiences (libs/domain's rules); null when it notifies no one. */
function noticeOf(event: ProjectedEvent, patch: RecommendationPatch, emailEnabled: boolean): Notice | null {
  const payload = event.payload as { level?: number; clock?: string };
  const rule = notificationFor(event.type, { level: payload.level, clock: payload.clock });
  if (!rule) return null;
  return {
    kind: rule.kind,
    subject: notificationSubject(rule.kind, payload.level),
    body: notificationBody(event),
    emailEnabled,
    recipients: rule.audiences.flatMap((audience) => audienceOf(event, patch, audience)),
  };
}

/**
 * The users an audience names, for this event; the actor is never told of their own step. The item's row
 * is read as it was before the event, so what the event changes (lead unit, cadre) comes from its patch.
 */
function audienceOf(event: ProjectedEvent, patch: RecommendationPatch, audience: Audience): Recipient[] {
  const actor = event.actorUserId;
  switch (audience) {
    case 'opened-task-units':
      return [{ unitStaff: (event.tasks?.open ?? []).map((t) => t.unitId), role: null, except: actor }];
    case 'lead-unit': {
      if (!('leadUnitId' in patch)) return [{ unitStaff: 'lead-unit', role: null, except: actor }];
      return patch.leadUnitId ? [{ unitStaff: [patch.leadUnitId], role: null, except: actor }] : [];
    }
    case 'cadre-in-charge':
      return [{ cadreInChargeExcept: actor, cadre: patch.cadreInCharge ?? null }];
    case 'extension-requester':
      // The request is the latest before this decision; whoever asked hears the answer.
      return [{ latestActorBefore: event.seq, types: ACTION_CATALOGUE['request-extension'].records }];
    case 'notify-list': {
      const notify = (event.payload as { notify?: { unitId?: string; userId?: string; role?: string }[] })
        .notify;
      return (notify ?? []).flatMap((target): Recipient[] => {
        if (target.userId) return [{ users: [target.userId] }];
        if (target.unitId) return [{ unitStaff: [target.unitId], role: target.role ?? null, except: actor }];
        return [];
      });
    }
  }
}

/** The notification's text: the reason when there is one, and the deadline it concerns. */
function notificationBody(event: ProjectedEvent): string {
  const dueAt = (event.payload as { dueAt?: string }).dueAt;
  const due = dueAt
    ? ` Hạn: ${new Date(dueAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}.`
    : '';
  return `${event.reason ?? ''}${due}`.trim() || 'Xem chi tiết trong hệ thống NGK.';
}
