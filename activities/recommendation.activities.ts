import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Transporter } from 'nodemailer';
import { MAIL_TRANSPORT } from './mail.activities';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  escalationLevelAfter,
  eventTypesStamping,
  FINAL_STATUSES,
  matchRoutingRule,
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
import { PATCH_COLUMNS, type RecommendationPatch } from '@ngk/persistence';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(MAIL_TRANSPORT) private readonly mailTransport: Transporter | null = null,
  ) {}

  /** The routing rule's decision, or null when no rule matches and the triage office must route by hand. */
  async findRouting(lookup: RoutingLookup): Promise<RoutingDecision | null> {
    const path: { id: string }[] = await this.dataSource.query(
      `WITH RECURSIVE up(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM units WHERE id = $1
         UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
       ) SELECT id FROM up ORDER BY depth`,
      [lookup.localityUnitId],
    );
    const rules = await this.dataSource.query(
      `SELECT id, category_code AS "categoryCode", locality_unit_id AS "localityUnitId",
              lead_unit_id AS "leadUnitId", coordinating_unit_ids AS "coordinatingUnitIds",
              sla_policy_code AS "slaPolicyCode", priority
         FROM routing_rules WHERE active AND (category_code = $1 OR category_code IS NULL)`,
      [lookup.categoryCode],
    );
    return matchRoutingRule(rules, {
      categoryCode: lookup.categoryCode,
      localityPath: path.map((p) => p.id),
    });
  }

  /** Appends the event and applies its patch, in one transaction, at most once per sequence number. */
  async projectEvent(event: ProjectedEvent): Promise<{ applied: boolean; emails: number }> {
    return this.dataSource.transaction(async (tx) => {
      if (event.create) await insertRecommendation(tx, event);
      const inserted = await tx.query(
        `INSERT INTO recommendation_events (recommendation_id, seq, type, actor_user_id, actor_unit_id,
           occurred_at, reason, status_before, status_after, payload, actor_role, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (recommendation_id, seq) DO NOTHING RETURNING id`,
        [
          event.recommendationId,
          event.seq,
          event.type,
          event.actorUserId,
          event.actorUnitId,
          event.occurredAt,
          event.reason,
          event.statusBefore,
          event.statusAfter,
          JSON.stringify(event.payload),
          event.actorRole ?? null,
          event.requestId ?? null,
        ],
      );
      if (inserted.length === 0) return { applied: false, emails: 0 };

      // closed_at follows from the status: whichever event closes the item stamps it. The first
      // acknowledgement and resolution are kept for the dashboard's durations and on-time rate, judged
      // against the deadline in force when the resolution came (SET reads the row as it was).
      const sets = [
        'status = $2',
        'last_event_seq = $3',
        'updated_at = $4',
        'closed_at = CASE WHEN $2 = ANY($6::text[]) THEN $4::timestamptz ELSE closed_at END',
        'acknowledged_at = CASE WHEN $5 = ANY($7::text[]) THEN COALESCE(acknowledged_at, $4) ELSE acknowledged_at END',
        'resolved_at = CASE WHEN $5 = ANY($8::text[]) THEN COALESCE(resolved_at, $4) ELSE resolved_at END',
        `resolved_on_time = CASE WHEN $5 = ANY($8::text[]) AND resolved_at IS NULL
           THEN COALESCE($4::timestamptz <= resolution_due_at, true) ELSE resolved_on_time END`,
      ];
      const values: unknown[] = [
        event.recommendationId,
        event.statusAfter,
        event.seq,
        event.occurredAt,
        event.type,
        FINAL_STATUSES,
        eventTypesStamping('acknowledgedAt'),
        eventTypesStamping('resolvedAt'),
      ];
      for (const [key, value] of Object.entries(event.patch ?? {})) {
        const column = PATCH_COLUMNS[key as keyof RecommendationPatch];
        if (!column) throw new Error(`unknown read-model field "${key}"`);
        // The read model counts a second dispute as the Standing Committee's level, like a breach.
        values.push(
          key === 'escalationLevel'
            ? escalationLevelAfter(value as number, event.statusBefore, event.statusAfter)
            : value,
        );
        sets.push(`${column} = $${values.length}`);
        if (key === 'escalationLevel') {
          sets.push(`max_escalation_level = GREATEST(max_escalation_level, $${values.length})`);
        }
      }
      await tx.query(
        `UPDATE recommendations SET ${sets.join(', ')} WHERE id = $1 AND last_event_seq < $3`,
        values,
      );
      await applyTaskChanges(tx, event);
      // Who hears of it is written with the event: once per event and recipient, whatever retries.
      const emails = await insertNotifications(tx, event, this.mailTransport !== null);
      return { applied: true, emails };
    });
  }
}

async function applyTaskChanges(tx: EntityManager, event: ProjectedEvent): Promise<void> {
  for (const close of event.tasks?.close ?? []) {
    await tx.query(
      `UPDATE tasks SET status = $3, closed_seq = $4, closed_at = $5, outcome_note = $6
        WHERE recommendation_id = $1 AND role = $2 AND status = 'open' AND ($7::uuid IS NULL OR unit_id = $7)`,
      [
        event.recommendationId,
        close.role,
        close.status,
        event.seq,
        event.occurredAt,
        close.note ?? null,
        close.unitId ?? null,
      ],
    );
  }
  for (const open of event.tasks?.open ?? []) {
    await tx.query(
      `INSERT INTO tasks (recommendation_id, unit_id, role, status, opened_seq, opened_at, due_at)
       VALUES ($1, $2, $3, 'open', $4, $5, $6) ON CONFLICT DO NOTHING`,
      [event.recommendationId, open.unitId, open.role, event.seq, event.occurredAt, open.dueAt ?? null],
    );
  }
  const openTasks = `recommendation_id = $1 AND role = $2 AND status = 'open' AND ($3::uuid IS NULL OR unit_id = $3)`;
  for (const due of event.tasks?.due ?? []) {
    await tx.query(`UPDATE tasks SET due_at = $4, overdue = false WHERE ${openTasks}`, [
      event.recommendationId,
      due.role,
      due.unitId ?? null,
      due.dueAt,
    ]);
  }
  for (const flag of event.tasks?.overdue ?? []) {
    await tx.query(`UPDATE tasks SET overdue = $4 WHERE ${openTasks}`, [
      event.recommendationId,
      flag.role,
      flag.unitId ?? null,
      flag.overdue,
    ]);
  }
}

async function insertRecommendation(tx: EntityManager, event: ProjectedEvent): Promise<void> {
  const { workflowId, submission: s, submittedAt } = event.create!;
  await tx.query(
    `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
       cost_estimate_vnd, urgency, legal_references, attachments, suggested_unit_id, submitted_by, status,
       created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'submitted', $14, $14)
     ON CONFLICT (id) DO NOTHING`,
    [
      event.recommendationId,
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
    ],
  );
}

/** In-app notifications for the event's audiences (libs/domain's rules); returns how many wait for an email now. */
async function insertNotifications(
  tx: EntityManager,
  event: ProjectedEvent,
  emailEnabled: boolean,
): Promise<number> {
  const payload = event.payload as {
    notify?: { unitId?: string; userId?: string; role?: string }[];
    level?: number;
    clock?: string;
  };
  const rule = notificationFor(event.type, { level: payload.level, clock: payload.clock });
  if (!rule) return 0;
  const recipients: string[] = [];
  for (const audience of rule.audiences) recipients.push(...(await audienceUsers(tx, event, audience)));
  const userIds = [...new Set(recipients)];
  if (userIds.length === 0) return 0;
  // A daily digest keeps the email for 07:30; a muted user or a missing address gets none.
  const inserted: { email_status: string }[] = await tx.query(
    `INSERT INTO notifications (user_id, recommendation_id, event_seq, kind, title, body, email_status)
     SELECT u.id, r.id, $2, $3, $4 || ': ' || r.title, $5,
            CASE WHEN NOT $7 OR u.email IS NULL OR u.email_muted THEN 'skipped'
                 WHEN u.email_digest = 'daily' THEN 'digest' ELSE 'pending' END
       FROM users u, recommendations r
      WHERE u.id = ANY($6::uuid[]) AND r.id = $1
     ON CONFLICT DO NOTHING RETURNING email_status`,
    [
      event.recommendationId,
      event.seq,
      rule.kind,
      notificationSubject(rule.kind, payload.level),
      notificationBody(event),
      userIds,
      emailEnabled,
    ],
  );
  return inserted.filter((n) => n.email_status === 'pending').length;
}

/** The users an audience names, for this event; the actor is never told of their own step. */
async function audienceUsers(
  tx: EntityManager,
  event: ProjectedEvent,
  audience: Audience,
): Promise<string[]> {
  const unitUsers = async (unitIds: string[], role: string | null = null): Promise<string[]> => {
    if (unitIds.length === 0) return [];
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM users WHERE active AND unit_id = ANY($1::uuid[])
          AND role IN ('unit-officer', 'unit-head', 'standing-committee') AND ($2::text IS NULL OR role = $2)
          AND id IS DISTINCT FROM $3`,
      [unitIds, role, event.actorUserId],
    );
    return rows.map((r) => r.id);
  };
  switch (audience) {
    case 'opened-task-units':
      return unitUsers((event.tasks?.open ?? []).map((t) => t.unitId));
    case 'lead-unit': {
      const [row] = await tx.query(`SELECT lead_unit_id AS "unitId" FROM recommendations WHERE id = $1`, [
        event.recommendationId,
      ]);
      return unitUsers(row?.unitId ? [row.unitId] : []);
    }
    case 'submitter': {
      const rows: { id: string }[] = await tx.query(
        `SELECT submitted_by AS id FROM recommendations WHERE id = $1 AND submitted_by IS DISTINCT FROM $2`,
        [event.recommendationId, event.actorUserId],
      );
      return rows.map((r) => r.id);
    }
    case 'extension-requester': {
      // The request is the latest before this decision; whoever asked hears the answer.
      const rows: { id: string }[] = await tx.query(
        `SELECT actor_user_id AS id FROM recommendation_events
          WHERE recommendation_id = $1 AND seq < $2 AND type = 'extension-requested' AND actor_user_id IS NOT NULL
          ORDER BY seq DESC LIMIT 1`,
        [event.recommendationId, event.seq],
      );
      return rows.map((r) => r.id);
    }
    case 'notify-list': {
      const ids: string[] = [];
      const notify = (event.payload as { notify?: { unitId?: string; userId?: string; role?: string }[] })
        .notify;
      for (const target of notify ?? []) {
        if (target.userId) ids.push(target.userId);
        else if (target.unitId) ids.push(...(await unitUsers([target.unitId], target.role ?? null)));
      }
      return ids;
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
