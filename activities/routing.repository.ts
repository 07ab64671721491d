import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RoutingRule } from '@ngk/domain';

/** The reference data routing reads: the unit tree and the active routing rules. */
@Injectable()
export class RoutingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The unit and its ancestors, most specific first. */
  async localityPath(unitId: string): Promise<string[]> {
    const path: { id: string }[] = await this.dataSource.query(
      `WITH RECURSIVE up(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM units WHERE id = $1
         UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
       ) SELECT id FROM up ORDER BY depth`,
      [unitId],
    );
    return path.map((p) => p.id);
  }

  /** The active rules for this category or for any category. */
  activeRules(categoryCode: string): Promise<RoutingRule[]> {
    return this.dataSource.query(
      `SELECT id, category_code AS "categoryCode", locality_unit_id AS "localityUnitId",
              lead_unit_id AS "leadUnitId", coordinating_unit_ids AS "coordinatingUnitIds",
              sla_policy_code AS "slaPolicyCode", priority
         FROM routing_rules WHERE active AND (category_code = $1 OR category_code IS NULL)`,
      [categoryCode],
    );
  }
}
