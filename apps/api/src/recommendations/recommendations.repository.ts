import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  WELL_KNOWN_UNITS,
  type Outcome,
  type Role,
  type RecommendationStatus,
  type TaskRole,
  type TaskStatus,
} from '@ngk/domain';
import { whileDatabaseAnswers } from '@ngk/persistence';

export interface UnitSummary {
  id: string;
  code: string;
  kind: string;
  nameVi: string;
  nameEn: string;
}

export interface TaskView {
  id: string;
  unitId: string;
  unitCode: string;
  unitNameVi: string;
  role: TaskRole;
  status: TaskStatus;
  openedAt: Date;
  closedAt: Date | null;
  dueAt: Date | null;
  overdue: boolean;
  note: string | null;
}

export interface ListFilter {
  status?: string;
  unitId?: string;
  districtId?: string;
  communeId?: string;
  category?: string;
  overdue?: boolean;
  escalationLevel?: number;
  text?: string;
  submittedBy?: string;
}

/** The words of a search, at most eight: each must appear in the item. */
export function searchWords(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
}

/** The read-model row with its units, as the API returns it. */
export interface RecommendationView {
  id: string;
  workflowId: string;
  status: RecommendationStatus;
  submittedBy: string;
  leadUnitId: string | null;
  disputeCount: number;
  outcome: Outcome | null;
  supervisingUnitId: string | null;
  extensionRequestedBy: string | null;
  feedbackDueAt: Date | null;
  verificationDueAt: Date | null;
  [column: string]: unknown;
}

/** What visibility depends on. */
export interface VisibilityActor {
  userId: string;
  role: Role;
  unitId: string | null;
  followedUnitIds: string[];
}

/** All SQL of the recommendations feature. */
@Injectable()
export class RecommendationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Work that waits on the read model, called off with the database's error if PostgreSQL goes away. */
  whileDatabaseAnswers<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return whileDatabaseAnswers(this.dataSource, work);
  }

  async categoryExists(code: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM categories WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  /** The units the lifecycle names by role, in one query; their absence is a deployment error. */
  async lifecycleUnitIds(): Promise<{ triageUnitId: string; standingCommitteeUnitId: string }> {
    const rows: { code: string; id: string }[] = await this.dataSource.query(
      `SELECT code, id FROM units WHERE code = ANY($1)`,
      [[WELL_KNOWN_UNITS.triageOffice, WELL_KNOWN_UNITS.standingCommittee]],
    );
    const id = (code: string) => {
      const row = rows.find((r) => r.code === code);
      if (!row) throw new Error(`reference data lacks the unit "${code}"`);
      return row.id;
    };
    return {
      triageUnitId: id(WELL_KNOWN_UNITS.triageOffice),
      standingCommitteeUnitId: id(WELL_KNOWN_UNITS.standingCommittee),
    };
  }

  async findUnit(id: string): Promise<UnitSummary | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, code, kind, name_vi AS "nameVi", name_en AS "nameEn" FROM units WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async listTasks(recommendationId: string): Promise<TaskView[]> {
    return this.dataSource.query(
      `SELECT t.id, t.unit_id AS "unitId", u.code AS "unitCode", u.name_vi AS "unitNameVi", t.role, t.status,
              t.opened_at AS "openedAt", t.closed_at AS "closedAt", t.due_at AS "dueAt", t.overdue,
              t.outcome_note AS "note"
         FROM tasks t JOIN units u ON u.id = t.unit_id
        WHERE t.recommendation_id = $1 ORDER BY t.opened_seq, t.id`,
      [recommendationId],
    );
  }

  /**
   * Who sees an item: its submitter and the cadres who follow its commune (or the commune's district);
   * the units that hold, held or coordinate it and the lead unit's supervising body; the Standing
   * Committee, leadership viewers and admins see everything. Returns a condition on alias `r`, its
   * parameters appended to `params`, or null for everything.
   */
  visibility(actor: VisibilityActor, params: unknown[]): string | null {
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    switch (actor.role) {
      case 'cadre': {
        const user = param(actor.userId);
        const follows = param(actor.followedUnitIds);
        return `(r.submitted_by = ${user} OR r.locality_unit_id = ANY(${follows}::uuid[])
                 OR EXISTS (SELECT 1 FROM units l WHERE l.id = r.locality_unit_id AND l.parent_id = ANY(${follows}::uuid[])))`;
      }
      case 'unit-officer':
      case 'unit-head': {
        if (!actor.unitId) return 'false';
        const unit = param(actor.unitId);
        return `(r.lead_unit_id = ${unit} OR ${unit} = ANY(r.coordinating_unit_ids) OR r.supervising_unit_id = ${unit}
                 OR EXISTS (SELECT 1 FROM tasks t WHERE t.recommendation_id = r.id AND t.unit_id = ${unit}))`;
      }
      default:
        return null;
    }
  }

  async findById(id: string, actor?: VisibilityActor): Promise<RecommendationView | null> {
    const params: unknown[] = [id];
    const visible = actor ? this.visibility(actor, params) : null;
    const [row] = await this.dataSource.query(
      `SELECT r.id, r.workflow_id AS "workflowId", r.title, r.situation, r.proposal, r.category_code AS "categoryCode",
              r.locality_unit_id AS "localityUnitId", r.cost_estimate_vnd AS "costEstimateVnd", r.urgency,
              r.legal_references AS "legalReferences", r.attachments, r.suggested_unit_id AS "suggestedUnitId",
              r.submitted_by AS "submittedBy", r.status, r.lead_unit_id AS "leadUnitId",
              r.coordinating_unit_ids AS "coordinatingUnitIds", r.acknowledge_due_at AS "acknowledgeDueAt",
              r.resolution_due_at AS "resolutionDueAt", r.overdue, r.escalation_level AS "escalationLevel",
              r.outcome, r.dispute_count AS "disputeCount", r.response, r.plan_date::text AS "planDate",
              r.budget_year AS "budgetYear", r.closed_at AS "closedAt", r.last_event_seq AS "lastEventSeq",
              r.created_at AS "createdAt", r.updated_at AS "updatedAt",
              r.sla_policy_code AS "slaPolicyCode", r.supervising_unit_id AS "supervisingUnitId",
              r.clock_paused_at AS "clockPausedAt", r.extension_count AS "extensionCount",
              r.extension_requested_by AS "extensionRequestedBy", r.feedback_due_at AS "feedbackDueAt",
              r.verification_due_at AS "verificationDueAt", r.directive_due_at AS "directiveDueAt",
              to_jsonb(lead) AS "leadUnit",
              COALESCE((SELECT jsonb_agg(to_jsonb(c) ORDER BY c."nameVi") FROM (
                SELECT u.id, u.code, u.kind, u.name_vi AS "nameVi", u.name_en AS "nameEn"
                  FROM units u WHERE u.id = ANY(r.coordinating_unit_ids)) c), '[]') AS "coordinatingUnits"
         FROM recommendations r
         LEFT JOIN LATERAL (SELECT u.id, u.code, u.kind, u.name_vi AS "nameVi", u.name_en AS "nameEn"
                              FROM units u WHERE u.id = r.lead_unit_id) lead ON true
        WHERE r.id = $1 ${visible ? `AND ${visible}` : ''}`,
      params,
    );
    return row ?? null;
  }

  /** Newest first, keyset-paginated on (created_at, id) so pages stay stable while items arrive. */
  async list(
    filter: ListFilter,
    after: { createdAt: string; id: string } | null,
    limit: number,
    actor: VisibilityActor,
  ) {
    const where: string[] = [];
    const params: unknown[] = [];
    const visible = this.visibility(actor, params);
    if (visible) where.push(visible);
    const add = (clause: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.status) add((p) => `r.status = ${p}`, filter.status);
    if (filter.category) add((p) => `r.category_code = ${p}`, filter.category);
    if (filter.communeId) add((p) => `r.locality_unit_id = ${p}`, filter.communeId);
    if (filter.districtId) {
      add(
        (p) => `r.locality_unit_id IN (SELECT id FROM units WHERE id = ${p} OR parent_id = ${p})`,
        filter.districtId,
      );
    }
    if (filter.unitId)
      add((p) => `(r.lead_unit_id = ${p} OR ${p} = ANY(r.coordinating_unit_ids))`, filter.unitId);
    if (filter.overdue !== undefined) add((p) => `r.overdue = ${p}`, filter.overdue);
    if (filter.escalationLevel !== undefined) add((p) => `r.escalation_level = ${p}`, filter.escalationLevel);
    // Every word must appear, diacritics and case aside: "duong 26 hoa loi" finds "Đường 26 … Hòa Lợi".
    // The folded text carries a trigram index, which serves LIKE with a pattern.
    for (const word of searchWords(filter.text)) {
      add((p) => `r.search_text LIKE ngk_fold(${p})`, `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
    if (filter.submittedBy) add((p) => `r.submitted_by = ${p}`, filter.submittedBy);
    if (after) {
      params.push(after.createdAt, after.id);
      where.push(`(r.created_at, r.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT r.id, r.title, r.status, r.category_code AS "categoryCode", r.locality_unit_id AS "localityUnitId",
              loc.name_vi AS "localityNameVi", r.lead_unit_id AS "leadUnitId", lead.name_vi AS "leadUnitNameVi",
              r.urgency, r.overdue, r.escalation_level AS "escalationLevel", r.resolution_due_at AS "resolutionDueAt",
              r.acknowledge_due_at AS "acknowledgeDueAt", r.clock_paused_at AS "clockPausedAt",
              r.outcome, r.created_at AS "createdAt", r.updated_at AS "updatedAt",
              r.submitted_by AS "submittedBy", r.feedback_due_at AS "feedbackDueAt",
              r.verification_due_at AS "verificationDueAt"
         FROM recommendations r
         JOIN units loc ON loc.id = r.locality_unit_id
         LEFT JOIN units lead ON lead.id = r.lead_unit_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY r.created_at DESC, r.id DESC
        LIMIT $${params.length}`,
      params,
    );
    return { items: rows.slice(0, limit), hasMore: rows.length > limit };
  }

  /** The open tasks of the items listed, to tell which wait for the caller. */
  async openTasksOf(
    recommendationIds: string[],
  ): Promise<
    { recommendationId: string; unitId: string; role: TaskRole; status: TaskStatus; dueAt: Date | null }[]
  > {
    if (recommendationIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT recommendation_id AS "recommendationId", unit_id AS "unitId", role, status, due_at AS "dueAt"
         FROM tasks WHERE recommendation_id = ANY($1::uuid[]) AND status = 'open'`,
      [recommendationIds],
    );
  }

  /** A unit's open tasks, soonest deadline first (no deadline last), with the item each belongs to. */
  async openTasks(unitId: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT t.id AS "taskId", t.role, t.status, t.due_at AS "dueAt", t.overdue, t.opened_at AS "openedAt",
              jsonb_build_object('id', r.id, 'title', r.title, 'status', r.status, 'urgency', r.urgency,
                'localityUnitId', loc.id, 'localityNameVi', loc.name_vi, 'localityNameEn', loc.name_en,
                'leadUnitId', lead.id, 'leadUnitNameVi', lead.name_vi, 'leadUnitNameEn', lead.name_en) AS recommendation
         FROM tasks t
         JOIN recommendations r ON r.id = t.recommendation_id
         JOIN units loc ON loc.id = r.locality_unit_id
         LEFT JOIN units lead ON lead.id = r.lead_unit_id
        WHERE t.unit_id = $1 AND t.status = 'open'
        ORDER BY t.due_at ASC NULLS LAST, t.opened_at, t.id
        LIMIT 500`,
      [unitId],
    );
  }

  async listEvents(recommendationId: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT seq, type, actor_user_id AS "actorUserId", u.username AS "actorUsername", actor_role AS "actorRole",
              actor_unit_id AS "actorUnitId", occurred_at AS "occurredAt", request_id AS "requestId",
              reason, status_before AS "statusBefore", status_after AS "statusAfter", payload,
              recorded_at AS "recordedAt"
         FROM recommendation_events e LEFT JOIN users u ON u.id = e.actor_user_id
        WHERE e.recommendation_id = $1 ORDER BY e.seq`,
      [recommendationId],
    );
  }
}
