import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  eventTypesStamping,
  FINAL_STATUSES,
  type NotificationKind,
  type RecommendationEventType,
} from '@ngk/domain';
import { PATCH_COLUMNS, type RecommendationPatch } from '@ngk/persistence';
import type { ProjectedEvent } from './recommendation.activities';

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

/** One event's writes, inside one transaction. */
export class ProjectionTransaction {
  constructor(private readonly tx: EntityManager) {}

  /** The read-model row of a new submission; nothing when it exists already. */
  async insertRecommendation(
    recommendationId: string,
    { workflowId, submission: s, submittedAt }: NonNullable<ProjectedEvent['create']>,
  ): Promise<void> {
    await this.tx.query(
      `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
         cost_estimate_vnd, urgency, legal_references, attachments, suggested_unit_id, submitted_by,
         cadre_in_charge, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, 'submitted', $14, $14)
       ON CONFLICT (id) DO NOTHING`,
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
      ],
    );
  }

  /**
   * Appends the event and locks the item's row until the event's writes commit, in one round trip.
   * Answers what the row's KPI is judged on, or undefined when the event's sequence number is recorded
   * already (a retried projection), which locks nothing.
   */
  async appendEvent(event: ProjectedEvent): Promise<KpiState | undefined> {
    const [row] = await this.tx.query(
      `WITH appended AS (
         INSERT INTO recommendation_events (recommendation_id, seq, type, actor_user_id, actor_unit_id,
           occurred_at, reason, status_before, status_after, payload, actor_role, request_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (recommendation_id, seq) DO NOTHING RETURNING id)
       SELECT created_at AS "createdAt", resolved_at AS "resolvedAt", resolution_due_at AS "dueAt",
              resolution_extension_days AS "extensionDays", last_event_seq AS "lastEventSeq"
         FROM recommendations WHERE id = $1 AND EXISTS (SELECT FROM appended) FOR UPDATE`,
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
    return row;
  }

  /** The row's status and patched fields, unless a later event has reached it already. */
  async updateReadModel(
    event: ProjectedEvent,
    patch: RecommendationPatch,
    kpi: KpiColumns = {},
  ): Promise<void> {
    // closed_at follows from the status: whichever event closes the item stamps it, and a reopening
    // clears it (the item is open again). The first acknowledgement and resolution are kept for the
    // dashboard's durations; the first resolution's KPI columns come worked out in `kpi`.
    const sets = [
      'status = $2',
      'last_event_seq = $3',
      'updated_at = $4',
      'closed_at = CASE WHEN $2 = ANY($6::text[]) THEN COALESCE(closed_at, $4::timestamptz) END',
      'acknowledged_at = CASE WHEN $5 = ANY($7::text[]) THEN COALESCE(acknowledged_at, $4) ELSE acknowledged_at END',
      'resolved_at = CASE WHEN $5 = ANY($8::text[]) THEN COALESCE(resolved_at, $4) ELSE resolved_at END',
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
    for (const [key, value] of Object.entries(patch)) {
      const column = PATCH_COLUMNS[key as keyof RecommendationPatch];
      if (!column) throw new Error(`unknown read-model field "${key}"`);
      values.push(value);
      sets.push(`${column} = $${values.length}`);
      if (key === 'escalationLevel') {
        sets.push(`max_escalation_level = GREATEST(max_escalation_level, $${values.length})`);
      }
    }
    for (const [column, value] of Object.entries(kpi)) {
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
    await this.tx.query(
      `UPDATE recommendations SET ${sets.join(', ')} WHERE id = $1 AND last_event_seq < $3`,
      values,
    );
  }

  /**
   * The event's task changes, in one round trip: closes first, then opens, then deadlines, then overdue
   * flags, each change as one statement in that order (ngk_apply_task_changes).
   */
  async applyTaskChanges(event: ProjectedEvent): Promise<void> {
    const changes = event.tasks;
    if (!changes || !Object.values(changes).some((list) => list && list.length > 0)) return;
    await this.tx.query(`SELECT ngk_apply_task_changes($1, $2, $3, $4::jsonb)`, [
      event.recommendationId,
      event.seq,
      event.occurredAt,
      JSON.stringify(changes),
    ]);
  }

  /** Active staff of these units (of one role, when given), leaving out one user. */
  async unitStaff(unitIds: string[], role: string | null, except: string | null): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.query(
      `SELECT id FROM users WHERE active AND unit_id = ANY($1::uuid[])
          AND role IN ('unit-officer', 'unit-head', 'standing-committee') AND ($2::text IS NULL OR role = $2)
          AND id IS DISTINCT FROM $3`,
      [unitIds, role, except],
    );
    return rows.map((r) => r.id);
  }

  async leadUnit(recommendationId: string): Promise<string | null> {
    const [row] = await this.tx.query(`SELECT lead_unit_id AS "unitId" FROM recommendations WHERE id = $1`, [
      recommendationId,
    ]);
    return row?.unitId ?? null;
  }

  /**
   * The cadre in charge of the item (its submitter until a handover, or `cadre` when the event being
   * projected hands it over), unless it is this user.
   */
  async cadreInChargeOtherThan(
    recommendationId: string,
    userId: string | null,
    cadre?: string,
  ): Promise<string[]> {
    // The cadres of duplicates merged into it hear what its own cadre hears.
    const rows: { id: string }[] = await this.tx.query(
      `SELECT COALESCE($3::uuid, cadre_in_charge) AS id FROM recommendations
        WHERE id = $1 AND COALESCE($3::uuid, cadre_in_charge) IS DISTINCT FROM $2
       UNION
       SELECT user_id FROM recommendation_followers WHERE recommendation_id = $1 AND user_id IS DISTINCT FROM $2`,
      [recommendationId, userId, cadre ?? null],
    );
    return rows.map((r) => r.id);
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

  /** The actor of the item's latest event of these types before this sequence number. */
  async latestActor(
    recommendationId: string,
    before: number,
    types: readonly RecommendationEventType[],
  ): Promise<string[]> {
    const rows: { id: string }[] = await this.tx.query(
      `SELECT actor_user_id AS id FROM recommendation_events
        WHERE recommendation_id = $1 AND seq < $2 AND type = ANY($3::text[]) AND actor_user_id IS NOT NULL
        ORDER BY seq DESC LIMIT 1`,
      [recommendationId, before, types],
    );
    return rows.map((r) => r.id);
  }

  /**
   * One notification per recipient of the event, titled with the item's title, and each one's email
   * status; returns how many wait for an email now.
   */
  async insertNotifications(
    event: ProjectedEvent,
    notice: {
      kind: NotificationKind;
      subject: string;
      body: string;
      userIds: string[];
      emailEnabled: boolean;
    },
  ): Promise<number> {
    // A daily digest keeps the email for 07:30; a muted user or a missing address gets none.
    const inserted: { email_status: string }[] = await this.tx.query(
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
        notice.kind,
        notice.subject,
        notice.body,
        notice.userIds,
        notice.emailEnabled,
      ],
    );
    return inserted.filter((n) => n.email_status === 'pending').length;
  }
}
