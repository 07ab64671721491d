import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export interface UnitSummary {
  id: string;
  code: string;
  kind: string;
  nameVi: string;
  nameEn: string;
}

/** All SQL of the recommendations feature. */
@Injectable()
export class RecommendationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async categoryExists(code: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM categories WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  /** Units the lifecycle names by role; their absence is a deployment error, not a user's. */
  async wellKnownUnitId(code: string): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT id FROM units WHERE code = $1`, [code]);
    if (!row) throw new Error(`reference data lacks the unit "${code}"`);
    return row.id;
  }

  async findUnit(id: string): Promise<(UnitSummary & { validTo: string | null }) | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, code, kind, name_vi AS "nameVi", name_en AS "nameEn", valid_to AS "validTo" FROM units WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }

  async findById(id: string): Promise<Record<string, unknown> | null> {
    const [row] = await this.dataSource.query(
      `SELECT r.id, r.workflow_id AS "workflowId", r.title, r.situation, r.proposal, r.category_code AS "categoryCode",
              r.locality_unit_id AS "localityUnitId", r.cost_estimate_vnd AS "costEstimateVnd", r.urgency,
              r.legal_references AS "legalReferences", r.attachments, r.suggested_unit_id AS "suggestedUnitId",
              r.submitted_by AS "submittedBy", r.status, r.lead_unit_id AS "leadUnitId",
              r.coordinating_unit_ids AS "coordinatingUnitIds", r.acknowledge_due_at AS "acknowledgeDueAt",
              r.resolution_due_at AS "resolutionDueAt", r.overdue, r.escalation_level AS "escalationLevel",
              r.outcome, r.last_event_seq AS "lastEventSeq", r.created_at AS "createdAt", r.updated_at AS "updatedAt",
              to_jsonb(lead) AS "leadUnit",
              COALESCE((SELECT jsonb_agg(to_jsonb(c) ORDER BY c."nameVi") FROM (
                SELECT u.id, u.code, u.kind, u.name_vi AS "nameVi", u.name_en AS "nameEn"
                  FROM units u WHERE u.id = ANY(r.coordinating_unit_ids)) c), '[]') AS "coordinatingUnits"
         FROM recommendations r
         LEFT JOIN LATERAL (SELECT u.id, u.code, u.kind, u.name_vi AS "nameVi", u.name_en AS "nameEn"
                              FROM units u WHERE u.id = r.lead_unit_id) lead ON true
        WHERE r.id = $1`,
      [id],
    );
    return row ?? null;
  }

  async listEvents(recommendationId: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT seq, type, actor_user_id AS "actorUserId", actor_unit_id AS "actorUnitId", occurred_at AS "occurredAt",
              reason, status_before AS "statusBefore", status_after AS "statusAfter", payload
         FROM recommendation_events WHERE recommendation_id = $1 ORDER BY seq`,
      [recommendationId],
    );
  }
}
