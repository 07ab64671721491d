import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { RecommendationStatus } from '@ngk/domain';
import { visibleItems, type VisibilityActor } from '../common/visibility';

/** An item as a duplicate and its original name each other. */
export interface ItemBrief {
  id: string;
  reference: string;
  title: string;
  status: RecommendationStatus;
}

/** The original as the merge checks it. */
export interface OriginalRow extends ItemBrief {
  duplicateOfId: string | null;
  reopenUntil: Date | null;
  closedByDirective: boolean;
}

const BRIEF = `r.id, r.reference, r.title, r.status`;

/** The SQL of merging duplicates: originals, their chains and the duplicates merged into them. */
@Injectable()
export class DuplicatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The item as an original, if the actor may see it. */
  async original(id: string, actor: VisibilityActor): Promise<OriginalRow | null> {
    const params: unknown[] = [id];
    const visible = visibleItems(actor, params);
    const [row]: OriginalRow[] = await this.dataSource.query(
      `SELECT ${BRIEF}, r.duplicate_of_id AS "duplicateOfId", r.reopen_until AS "reopenUntil",
              r.closed_by_directive AS "closedByDirective"
         FROM recommendations r WHERE r.id = $1 ${visible ? `AND ${visible}` : ''}`,
      params,
    );
    return row ?? null;
  }

  /** The end of a duplicate's chain: the item it, or what it duplicates, was finally merged into. */
  async rootOf(id: string): Promise<ItemBrief | null> {
    const [row]: ItemBrief[] = await this.dataSource.query(
      `WITH RECURSIVE chain AS (
         SELECT id, duplicate_of_id, 0 AS depth FROM recommendations WHERE id = $1
         UNION ALL
         SELECT r.id, r.duplicate_of_id, c.depth + 1 FROM recommendations r
           JOIN chain c ON r.id = c.duplicate_of_id WHERE c.depth < 100)
       SELECT ${BRIEF} FROM chain c JOIN recommendations r ON r.id = c.id
        WHERE c.duplicate_of_id IS NULL LIMIT 1`,
      [id],
    );
    return row ?? null;
  }

  /** The item's original and the duplicates merged into it, each only if the actor may see it. */
  async around(
    id: string,
    actor: VisibilityActor,
  ): Promise<{ duplicateOf: ItemBrief | null; duplicates: ItemBrief[] }> {
    const params: unknown[] = [id];
    const visible = visibleItems(actor, params);
    const and = visible ? `AND ${visible}` : '';
    const [duplicateOf]: ItemBrief[] = await this.dataSource.query(
      `SELECT ${BRIEF} FROM recommendations r
        WHERE r.id = (SELECT duplicate_of_id FROM recommendations WHERE id = $1) ${and}`,
      params,
    );
    const duplicates: ItemBrief[] = await this.dataSource.query(
      `SELECT ${BRIEF} FROM recommendations r WHERE r.duplicate_of_id = $1 ${and} ORDER BY r.created_at, r.id`,
      params,
    );
    return { duplicateOf: duplicateOf ?? null, duplicates };
  }
}
