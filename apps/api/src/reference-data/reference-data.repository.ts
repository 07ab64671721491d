import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

@Injectable()
export class ReferenceDataRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every unit, ended ones included, with its dates, successors and parents over time. */
  units(kind?: string) {
    return this.dataSource.query(
      `SELECT u.id, u.code, u.kind, u.name_vi AS "nameVi", u.name_en AS "nameEn", u.parent_id AS "parentId",
              u.supervisor_id AS "supervisorId", p.code AS "parentCode", u.head_title AS "headTitle",
              u.valid_from::text AS "validFrom", u.valid_to::text AS "validTo", u.demo,
              COALESCE((SELECT json_agg(json_build_object('id', s.id, 'code', s.code, 'nameVi', s.name_vi,
                                          'nameEn', s.name_en, 'decidedBy', us.decided_by) ORDER BY s.code)
                          FROM unit_successors us JOIN units s ON s.id = us.successor_id
                         WHERE us.unit_id = u.id), '[]') AS successors,
              COALESCE((SELECT json_agg(json_build_object('parentId', up.parent_id, 'parentCode', pp.code,
                                          'validFrom', up.valid_from, 'validTo', up.valid_to) ORDER BY up.valid_from)
                          FROM unit_parents up JOIN units pp ON pp.id = up.parent_id
                         WHERE up.unit_id = u.id), '[]') AS parents
         FROM units u LEFT JOIN units p ON p.id = u.parent_id
        WHERE ($1::text IS NULL OR u.kind = $1) ORDER BY u.kind, u.name_vi`,
      [kind ?? null],
    );
  }

  /**
   * What the reference data describes on `today`: the province in force (the latest begun, while a
   * reorganization that ends the old one has not run yet), the day the structure in force took its shape
   * (the latest day a unit began or ended, up to today), and whether any unit in force has an
   * illustrative name.
   */
  async edition(today: string): Promise<{
    province: { id: string; code: string; nameVi: string; nameEn: string } | null;
    since: string | null;
    demo: boolean;
  }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT json_build_object('id', p.id, 'code', p.code, 'nameVi', p.name_vi, 'nameEn', p.name_en)
                 FROM units p
                WHERE p.kind = 'province' AND p.valid_from <= $1::date
                  AND (p.valid_to IS NULL OR p.valid_to >= $1::date)
                ORDER BY p.valid_from DESC, p.code LIMIT 1) AS province,
              GREATEST((SELECT max(valid_from) FROM units WHERE valid_from <= $1::date),
                       (SELECT max(valid_to + 1) FROM units WHERE valid_to < $1::date))::text AS since,
              EXISTS (SELECT 1 FROM units WHERE demo AND valid_from <= $1::date
                         AND (valid_to IS NULL OR valid_to >= $1::date)) AS demo`,
      [today],
    );
    return row;
  }

  categories() {
    return this.dataSource.query(
      `SELECT code, name_vi AS "nameVi", name_en AS "nameEn" FROM categories ORDER BY code`,
    );
  }

  routingRules() {
    return this.dataSource.query(
      `SELECT r.id, r.code, r.category_code AS "categoryCode", r.locality_unit_id AS "localityUnitId",
              loc.code AS "localityCode", lead.code AS "leadUnitCode",
              r.lead_unit_id AS "leadUnitId", r.coordinating_unit_ids AS "coordinatingUnitIds",
              ARRAY(SELECT c.code FROM units c WHERE c.id = ANY(r.coordinating_unit_ids) ORDER BY c.code)
                AS "coordinatingUnitCodes",
              r.sla_policy_code AS "slaPolicyCode", r.priority, r.active
         FROM routing_rules r
         JOIN units lead ON lead.id = r.lead_unit_id
         LEFT JOIN units loc ON loc.id = r.locality_unit_id
        ORDER BY r.category_code NULLS LAST, r.code`,
    );
  }
}
