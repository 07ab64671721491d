import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  eventTypesStamping,
  type ExtensionDaysChange,
  FINAL_STATUSES,
  type NotificationKind,
  type RecommendationEventType,
} from '@ngk/domain';
import { PATCH_COLUMNS, prepared, type RecommendationPatch } from '@ngk/persistence';
import type { ProjectedEvent, ProjectionResult } from './recommendation.activities';

/** The read model's writes for one workflow event: the event log, the row, its tasks and notifications. */
@Injectable()
export class ProjectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs the work in one transaction: an event and everything it changes commit together or not at all. */
  transaction<T>(work: (tx: ProjectionTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new ProjectionTransaction(manager)));
  }

  /**
   * Takes the items' committed changes into the dashboard's summaries (`recommendation_stats_fold`): the
   * number of pending rows taken, or null when another fold held the lock and `wait` was false.
   */
  async foldStats(wait: boolean): Promise<number | null> {
    const [row]: { folded: string | null }[] = await this.dataSource.query(
      `SELECT recommendation_stats_fold($1) AS folded`,
      [wait],
    );
    return row.folded === null ? null : Number(row.folded);
  }

  /**
   * An event whose writes need nothing read first, in one statement, which is atomic by itself: the event
   * appended, its task changes, its notifications with their recipients, and the row's new state, or
   * nothing at all when the event's sequence number is recorded already (a retried projection). Every
   * part reads the row as it stood before the event.
   */
  async projectAlone(alone: AloneEvent): Promise<ProjectionResult> {
    const { sql, values } = aloneStatement(alone);
    const [row]: ProjectionResult[] = await this.dataSource.query(prepared(sql), values);
    return row;
  }

  /** An item's number, title and workflow, as a duplicate merged into it names it. */
  async brief(recommendationId: string): Promise<ItemBrief | null> {
    const rows: ItemBrief[] = await this.dataSource.query(
      `SELECT id, reference, title, workflow_id AS "workflowId" FROM recommendations WHERE id = $1`,
      [recommendationId],
    );
    return rows[0] ?? null;
  }
}

export interface ItemBrief {
  id: string;
  reference: string;
  title: string;
  workflowId: string;
}

/** An event for `projectAlone`: its patch as the read model keeps it, and what it does to extension days. */
export interface AloneEvent {
  event: ProjectedEvent;
  patch: RecommendationPatch;
  extensionDays: ExtensionDaysChange;
  notice: Notice | null;
}

/** The read-model row as the KPI sees it before an event. */
export interface KpiState {
  createdAt: Date;
  resolvedAt: Date | null;
  dueAt: Date | null;
  extensionDays: number;
  lastEventSeq: number;
}

/** KPI columns an event sets (libs/domain kpi.ts decides their values). */
export interface KpiColumns {
  resolution_extension_days?: number;
  resolved_on_time?: boolean;
  resolved_after_extension?: boolean;
  resolve_working_days?: number;
}

/**
 * An event's writes to the read model. Most events are one statement, which needs no transaction of its
 * own (`ProjectionRepository.projectAlone`); the others are several, in one transaction (this class).
 */
export class ProjectionTransaction {
  constructor(private readonly tx: EntityManager) {}

  /**
   * The read-model row of a new submission; nothing when it exists already. With `asOf`, the row is written
   * as that event leaves it (its status, sequence number and time), so the event's own update finds nothing
   * to change: one version of the row instead of two, and each version is an entry in every index of the
   * row, the search trigrams included.
   */
  async insertRecommendation(
    recommendationId: string,
    { workflowId, submission: s, submittedAt }: NonNullable<ProjectedEvent['create']>,
    asOf?: Pick<ProjectedEvent, 'statusAfter' | 'seq' | 'occurredAt'>,
  ): Promise<void> {
    await this.tx.query(
      prepared(`INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
         cost_estimate_vnd, urgency, legal_references, attachments, suggested_unit_id, submitted_by,
         cadre_in_charge, status, last_event_seq, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $15, $16, $14, $17)
       ON CONFLICT (id) DO NOTHING`),
      [
        recommendationId,
        workflowId,
        s.title,
        s.situation,
        s.proposal,
        s.categoryCode,
        s.localityUnitId,
        s.costEstimateVnd ?? null,
        s.urgency,
        s.legalReferences,
        JSON.stringify(s.attachments),
        s.suggestedUnitId ?? null,
        s.submittedByUserId,
        submittedAt,
        asOf?.statusAfter ?? 'submitted',
        asOf?.seq ?? 0,
        asOf?.occurredAt ?? submittedAt,
      ],
    );
  }

  /**
   * Appends the event, locks the item's row until the event's writes commit, and applies the event's task
   * changes, in one round trip. Answers what the row's KPI is judged on, or undefined when the event's
   * sequence number is recorded already (a retried projection), which locks and changes nothing.
   *
   * The task changes run once the row is locked, and only for a new event: they read from `item`, which
   * is empty otherwise. The final select counts them because a SELECT in WITH runs only when read.
   */
  async appendEvent(event: ProjectedEvent): Promise<KpiState | undefined> {
    const p = new Params(event.recommendationId);
    const append = eventInsert(event, p);
    const [row] = await this.tx.query(
      prepared(`WITH appended AS (${append.sql}),
       item AS (
         SELECT created_at AS "createdAt", resolved_at AS "resolvedAt", resolution_due_at AS "dueAt",
                resolution_extension_days AS "extensionDays", last_event_seq AS "lastEventSeq"
           FROM recommendations WHERE id = $1 AND EXISTS (SELECT FROM appended) FOR UPDATE),
       changed AS (${taskChangesCall(event, append, p, 'item')})
       SELECT item.* FROM item WHERE (SELECT count(*) FROM changed) >= 0`),
      p.values,
    );
    return row;
  }

  /** `ProjectionRepository.projectAlone`, inside this transaction. */
  async projectAlone(alone: AloneEvent): Promise<ProjectionResult> {
    const { sql, values } = aloneStatement(alone);
    const [row] = await this.tx.query(prepared(sql), values);
    return row;
  }

  /** The row's status and patched fields, unless a later event has reached it already. */
  async updateReadModel(
    event: ProjectedEvent,
    patch: RecommendationPatch,
    kpi: KpiColumns = {},
  ): Promise<void> {
    const p = new Params(event.recommendationId);
    const { sets, seq } = readModelSets(event, patch, p);
    for (const [column, value] of Object.entries(kpi)) sets.push(`${column} = ${p.add(value)}`);
    await this.tx.query(
      prepared(`UPDATE recommendations SET ${sets.join(', ')} WHERE id = $1 AND last_event_seq < ${seq}`),
      p.values,
    );
  }

  /**
   * A duplicate merged into its original: its cadre in charge and everyone who followed it follow the
   * original from now on (the original's own cadre needs no row).
   */
  async followOriginal(duplicateId: string, originalId: string): Promise<void> {
    await this.tx.query(
      `INSERT INTO recommendation_followers (recommendation_id, user_id, via_recommendation_id)
       SELECT $2, f.user_id, $1 FROM (
         SELECT cadre_in_charge AS user_id FROM recommendations WHERE id = $1
         UNION SELECT user_id FROM recommendation_followers WHERE recommendation_id = $1
       ) f
       WHERE f.user_id IS DISTINCT FROM (SELECT cadre_in_charge FROM recommendations WHERE id = $2)
       ON CONFLICT DO NOTHING`,
      [duplicateId, originalId],
    );
  }

  /**
   * One notification per recipient of the event, titled with the item's title, and each one's email
   * status; returns how many wait for an email now. The recipients are read in the same statement.
   */
  async insertNotifications(event: ProjectedEvent, notice: Notice): Promise<number> {
    const p = new Params(event.recommendationId);
    const insert = notificationsInsert(event, notice, p);
    if (!insert) return 0;
    const inserted: { email_status: string }[] = await this.tx.query(prepared(insert), p.values);
    return inserted.filter((n) => n.email_status === 'pending').length;
  }
}

/**
 * What an event notifies: the rule's kind and text, and who hears of it, each audience as the read model
 * finds it (rendered into the notifications' insert, so that they are read in the same statement).
 */
export interface Notice {
  kind: NotificationKind;
  subject: string;
  body: string;
  emailEnabled: boolean;
  recipients: Recipient[];
}

export type Recipient =
  /** These users. */
  | { users: string[] }
  /** Active staff of these units, or of the item's lead unit as its row stands, of one role when given. */
  | { unitStaff: string[] | 'lead-unit'; role: string | null; except: string | null }
  /** The item's cadre in charge (or `cadre`, when the event hands it over) and its followers. */
  | { cadreInChargeExcept: string | null; cadre: string | null }
  /** The actor of the item's latest event of these types before this sequence number. */
  | { latestActorBefore: number; types: readonly RecommendationEventType[] };

/** A statement's parameters as its SQL is written: `$1` is always the item's id. */
class Params {
  readonly values: unknown[];

  constructor(recommendationId: string) {
    this.values = [recommendationId];
  }

  /** The placeholder of one more parameter. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The event's row in the append-only log, returning its id when it is new (nothing for a retry). */
function eventInsert(event: ProjectedEvent, p: Params): { sql: string; seq: string; at: string } {
  const seq = p.add(event.seq);
  const at = p.add(event.occurredAt);
  const values = [
    '$1',
    seq,
    p.add(event.type),
    p.add(event.actorUserId),
    p.add(event.actorUnitId),
    at,
    p.add(event.reason),
    p.add(event.statusBefore),
    p.add(event.statusAfter),
    p.add(JSON.stringify(event.payload)),
    p.add(event.actorRole ?? null),
    p.add(event.requestId ?? null),
  ];
  return {
    sql: `INSERT INTO recommendation_events (recommendation_id, seq, type, actor_user_id, actor_unit_id,
            occurred_at, reason, status_before, status_after, payload, actor_role, request_id)
          VALUES (${values.join(', ')})
          ON CONFLICT (recommendation_id, seq) DO NOTHING RETURNING id`,
    seq,
    at,
  };
}

/**
 * The event's task changes (ngk_apply_task_changes: closes, then opens, then deadlines, then overdue
 * flags), as a select run once per row of `from`, when the event changes a task.
 */
function taskChangesCall(
  event: ProjectedEvent,
  append: { seq: string; at: string },
  p: Params,
  from: string,
): string {
  const changes = event.tasks;
  const any = !!changes && Object.values(changes).some((list) => list && list.length > 0);
  const json = p.add(any ? JSON.stringify(changes) : null);
  return `SELECT ngk_apply_task_changes($1, ${append.seq}, ${append.at}, ${json}::jsonb) FROM ${from}
           WHERE ${json}::jsonb IS NOT NULL`;
}

/** The row's status, stamps and patched fields after the event; `seq` is the event's placeholder. */
function readModelSets(
  event: ProjectedEvent,
  patch: RecommendationPatch,
  p: Params,
): { sets: string[]; seq: string } {
  const status = p.add(event.statusAfter);
  const seq = p.add(event.seq);
  const at = p.add(event.occurredAt);
  const type = p.add(event.type);
  // closed_at follows from the status: whichever event closes the item stamps it, and a reopening
  // clears it (the item is open again). The first acknowledgement and resolution are kept for the
  // dashboard's durations; the first resolution's KPI columns come worked out by the caller.
  const sets = [
    `status = ${status}`,
    `last_event_seq = ${seq}`,
    `updated_at = ${at}`,
    `closed_at = CASE WHEN ${status} = ANY(${p.add(FINAL_STATUSES)}::text[]) THEN COALESCE(closed_at, ${at}::timestamptz) END`,
    `acknowledged_at = CASE WHEN ${type} = ANY(${p.add(eventTypesStamping('acknowledgedAt'))}::text[]) THEN COALESCE(acknowledged_at, ${at}) ELSE acknowledged_at END`,
    `resolved_at = CASE WHEN ${type} = ANY(${p.add(eventTypesStamping('resolvedAt'))}::text[]) THEN COALESCE(resolved_at, ${at}) ELSE resolved_at END`,
  ];
  for (const [key, value] of Object.entries(patch)) {
    const column = PATCH_COLUMNS[key as keyof RecommendationPatch];
    if (!column) throw new Error(`unknown read-model field "${key}"`);
    const placeholder = p.add(value);
    sets.push(`${column} = ${placeholder}`);
    if (key === 'escalationLevel') {
      sets.push(`max_escalation_level = GREATEST(max_escalation_level, ${placeholder})`);
    }
  }
  return { sets, seq };
}

/**
 * The notifications' insert, reading its recipients in the same statement, with `where` added to its
 * condition; null when no audience names anyone.
 */
function notificationsInsert(event: ProjectedEvent, notice: Notice, p: Params, where = ''): string | null {
  const parts = notice.recipients.flatMap((r) => recipientQuery(r, p) ?? []);
  if (parts.length === 0) return null;
  // A daily digest keeps the email for 07:30; a muted user or a missing address gets none.
  return `INSERT INTO notifications (user_id, recommendation_id, event_seq, kind, title, body, email_status)
          SELECT u.id, r.id, ${p.add(event.seq)}, ${p.add(notice.kind)}, ${p.add(notice.subject)} || ': ' || r.title,
                 ${p.add(notice.body)},
                 CASE WHEN NOT ${p.add(notice.emailEnabled)} OR u.email IS NULL OR u.email_muted THEN 'skipped'
                      WHEN u.email_digest = 'daily' THEN 'digest' ELSE 'pending' END
            FROM users u, recommendations r
           WHERE u.id IN (${parts.join(' UNION ')}) AND r.id = $1${where}
          ON CONFLICT DO NOTHING RETURNING email_status`;
}

/** One audience's user ids, as a query; null when it names no one. */
function recipientQuery(recipient: Recipient, p: Params): string | null {
  if ('users' in recipient) {
    return recipient.users.length === 0 ? null : `SELECT unnest(${p.add(recipient.users)}::uuid[])`;
  }
  if ('unitStaff' in recipient) {
    const { unitStaff: units, role, except } = recipient;
    if (units !== 'lead-unit' && units.length === 0) return null;
    const unit =
      units === 'lead-unit'
        ? `unit_id = (SELECT lead_unit_id FROM recommendations WHERE id = $1)`
        : `unit_id = ANY(${p.add(units)}::uuid[])`;
    const roleParam = p.add(role);
    return `SELECT id FROM users WHERE active AND ${unit}
              AND role IN ('unit-officer', 'unit-head', 'standing-committee')
              AND (${roleParam}::text IS NULL OR role = ${roleParam}) AND id IS DISTINCT FROM ${p.add(except)}::uuid`;
  }
  if ('cadreInChargeExcept' in recipient) {
    // The cadres of duplicates merged into it hear what its own cadre hears.
    const user = p.add(recipient.cadreInChargeExcept);
    const inCharge = `COALESCE(${p.add(recipient.cadre)}::uuid, cadre_in_charge)`;
    return `SELECT ${inCharge} FROM recommendations WHERE id = $1 AND ${inCharge} IS DISTINCT FROM ${user}::uuid
            UNION
            SELECT user_id FROM recommendation_followers
             WHERE recommendation_id = $1 AND user_id IS DISTINCT FROM ${user}::uuid`;
  }
  return `(SELECT actor_user_id FROM recommendation_events
            WHERE recommendation_id = $1 AND seq < ${p.add(recipient.latestActorBefore)}
              AND type = ANY(${p.add(recipient.types)}::text[]) AND actor_user_id IS NOT NULL
            ORDER BY seq DESC LIMIT 1)`;
}

/**
 * `projectAlone`'s statement. Its parts run with one snapshot, so each reads the row as it stood before
 * the event (the audiences' lead unit and cadre too), and each writes only when `appended` has a row.
 * The final select counts `changed` because a SELECT in WITH runs only when read.
 */
function aloneStatement({ event, patch, extensionDays, notice }: AloneEvent): {
  sql: string;
  values: unknown[];
} {
  const p = new Params(event.recommendationId);
  const append = eventInsert(event, p);
  const { sets, seq } = readModelSets(event, patch, p);
  if (extensionDays.kind === 'add') {
    sets.push(`resolution_extension_days = resolution_extension_days + ${p.add(extensionDays.days)}`);
  } else if (extensionDays.kind === 'reset-if-deadline-moved' && 'resolutionDueAt' in patch) {
    // SET reads the row as it was: the deadline before the event, against the event's own.
    sets.push(
      `resolution_extension_days = CASE WHEN resolution_due_at IS DISTINCT FROM ${p.add(patch.resolutionDueAt)}::timestamptz
                                        THEN 0 ELSE resolution_extension_days END`,
    );
  }
  const notifications = notice && notificationsInsert(event, notice, p, ' AND EXISTS (SELECT FROM appended)');
  const sql = `WITH appended AS (${append.sql}),
    changed AS (${taskChangesCall(event, append, p, 'appended')}),
    notified AS (${notifications ?? 'SELECT NULL::text AS email_status WHERE false'}),
    updated AS (
      UPDATE recommendations SET ${sets.join(', ')}
       WHERE id = $1 AND last_event_seq < ${seq} AND EXISTS (SELECT FROM appended))
    SELECT EXISTS (SELECT FROM appended) AS applied,
           (SELECT count(*) FROM notified WHERE email_status = 'pending')::int AS emails
     WHERE (SELECT count(*) FROM changed) >= 0`;
  return { sql, values: p.values };
}
