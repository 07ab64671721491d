import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { visibleItems, type VisibilityActor } from '../common/visibility';

/** An item like the one being written, as the submission form lists it. */
export interface SimilarItem {
  id: string;
  reference: string;
  title: string;
  status: string;
  categoryCode: string;
  localityUnitId: string;
  localityNameVi: string;
  localityNameEn: string;
  createdAt: Date;
  closedAt: Date | null;
}

/** What to look for: the title, where, the oldest closing still recent, how many, how alike. */
export interface SimilarSearch {
  title: string;
  localityUnitId?: string;
  categoryCode?: string;
  closedSince: Date;
  limit: number;
  threshold: number;
}

/** The SQL of similar items: the trigram index on the folded text finds them. */
@Injectable()
export class SimilarItemsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The visible items, open or closed since `closedSince`, in the commune or the category, whose text
   * holds words like the title's (word similarity over the threshold), most alike first.
   */
  similar(search: SimilarSearch, actor: VisibilityActor): Promise<SimilarItem[]> {
    return this.dataSource.transaction(async (tx) => {
      // The operator <% answers from the trigram index with this threshold, for this transaction only.
      await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [
        String(search.threshold),
      ]);
      const params: unknown[] = [search.title, search.closedSince];
      const where = [`ngk_fold($1) <% r.search_text`, `(r.status <> 'closed' OR r.closed_at >= $2)`];
      const place: string[] = [];
      if (search.localityUnitId) {
        params.push(search.localityUnitId);
        const commune = `$${params.length}`;
        // The commune, or one merged into it: what its communes raised before the merger is alike too.
        place.push(
          `(r.locality_unit_id = ${commune} OR EXISTS (SELECT 1 FROM unit_successors s
             WHERE s.unit_id = r.locality_unit_id AND s.successor_id = ${commune}))`,
        );
      }
      if (search.categoryCode) {
        params.push(search.categoryCode);
        place.push(`r.category_code = $${params.length}`);
      }
      if (place.length) where.push(`(${place.join(' OR ')})`);
      const visible = visibleItems(actor, params);
      if (visible) where.push(visible);
      params.push(search.limit);
      return tx.query(
        `SELECT r.id, r.reference, r.title, r.status, r.category_code AS "categoryCode",
                r.locality_unit_id AS "localityUnitId", loc.name_vi AS "localityNameVi",
                loc.name_en AS "localityNameEn", r.created_at AS "createdAt", r.closed_at AS "closedAt"
           FROM recommendations r JOIN units loc ON loc.id = r.locality_unit_id
          WHERE ${where.join(' AND ')}
          ORDER BY word_similarity(ngk_fold($1), r.search_text) DESC, r.created_at DESC, r.id
          LIMIT $${params.length}`,
        params,
      );
    });
  }
}
