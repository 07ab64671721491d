import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { prepared } from '@ngk/persistence';
import type { DataSource } from 'typeorm';
import type { RoutingRule } from '@ngk/domain';

/** The reference data routing reads: the unit tree and the active routing rules. */
@Injectable()
export class RoutingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * What a routing decision is made on, in one round trip: the locality and its ancestors, most specific
   * first, and the active rules for this category or for any category.
   */
  async lookup(
    unitId: string,
    categoryCode: string,
  ): Promise<{ localityPath: string[]; rules: RoutingRule[] }> {
    const [row]: { localityPath: string[] | null; rules: RoutingRule[] }[] = await this.dataSource.query(
      prepared(`WITH RECURSIVE up(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM units WHERE id = $1
         UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.parent_id
       )
       SELECT (SELECT array_agg(id ORDER BY depth) FROM up) AS "localityPath",
              (SELECT COALESCE(jsonb_agg(jsonb_build_object(
                        'id', id, 'categoryCode', category_code, 'localityUnitId', locality_unit_id,
                        'leadUnitId', lead_unit_id, 'coordinatingUnitIds', coordinating_unit_ids,
                        'slaPolicyCode', sla_policy_code, 'priority', priority)), '[]'::jsonb)
                 FROM routing_rules WHERE active AND (category_code = $2 OR category_code IS NULL)) AS rules`),
      [unitId, categoryCode],
    );
    return { localityPath: row.localityPath ?? [], rules: row.rules };
  }
}
