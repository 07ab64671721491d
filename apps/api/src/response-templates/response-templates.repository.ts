import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { OUTCOMES } from '@ngk/domain';
import type { Actor } from '../common/actor';
import { auditAdminChange, type AdminChange } from '../common/admin-audit.repository';
import { visibleItems, type VisibilityActor } from '../common/visibility';

/** A template as the API answers it. */
export interface ResponseTemplateRow {
  id: string;
  name: string;
  outcome: string;
  categoryCode: string | null;
  body: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What a template holds, as written. */
export interface TemplateFields {
  name: string;
  outcome: string;
  categoryCode: string | null;
  body: string;
  active: boolean;
}

const COLUMNS = `id, name, outcome, category_code AS "categoryCode", body, active,
                 created_at AS "createdAt", updated_at AS "updatedAt"`;

/** All SQL of response templates. */
@Injectable()
export class ResponseTemplatesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs the work in one transaction: the change and its audit record commit together or not at all. */
  transaction<T>(work: (tx: TemplatesTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new TemplatesTransaction(manager)));
  }

  /** Every template, retired ones last, in the order of the outcomes, for the admin screen. */
  all(): Promise<ResponseTemplateRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM response_templates
        ORDER BY active DESC, array_position($1::text[], outcome), category_code NULLS FIRST, name`,
      [OUTCOMES],
    );
  }

  /**
   * Active templates for an item of this category: the category's own first, then those for every
   * category; of one outcome, or of all when none is given.
   */
  fitting(categoryCode: string, outcome: string | null): Promise<ResponseTemplateRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM response_templates
        WHERE active AND (category_code = $1 OR category_code IS NULL) AND ($2::text IS NULL OR outcome = $2)
        ORDER BY array_position($3::text[], outcome), category_code NULLS LAST, name`,
      [categoryCode, outcome, OUTCOMES],
    );
  }

  /** The category of an item, if the actor may see the item. */
  async categoryOf(recommendationId: string, actor: VisibilityActor): Promise<string | null> {
    const params: unknown[] = [recommendationId];
    const visible = visibleItems(actor, params);
    const [row]: { categoryCode: string }[] = await this.dataSource.query(
      `SELECT r.category_code AS "categoryCode" FROM recommendations r
        WHERE r.id = $1 ${visible ? `AND ${visible}` : ''}`,
      params,
    );
    return row?.categoryCode ?? null;
  }
}

/** The template writes, inside one transaction. */
export class TemplatesTransaction {
  constructor(private readonly tx: EntityManager) {}

  audit(actor: Actor, change: AdminChange): Promise<void> {
    return auditAdminChange(this.tx, actor, change);
  }

  async categoryExists(code: string): Promise<boolean> {
    return (await this.tx.query(`SELECT 1 FROM categories WHERE code = $1`, [code])).length > 0;
  }

  /**
   * Whether another template (not `exceptId`) has this name, in any case. Two admins saving the same
   * name at once are checked one after the other, so the second gets a 409, not the index's error.
   */
  async nameTaken(name: string, exceptId: string | null): Promise<boolean> {
    await this.tx.query(`SELECT pg_advisory_xact_lock(hashtext('response_templates.name'))`);
    const rows = await this.tx.query(
      `SELECT 1 FROM response_templates WHERE lower(name) = lower($1) AND ($2::uuid IS NULL OR id <> $2)`,
      [name, exceptId],
    );
    return rows.length > 0;
  }

  async lock(id: string): Promise<ResponseTemplateRow | null> {
    const [row] = await this.tx.query(`SELECT ${COLUMNS} FROM response_templates WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return row ?? null;
  }

  async insert(fields: TemplateFields): Promise<ResponseTemplateRow> {
    const [row] = await this.tx.query(
      `INSERT INTO response_templates (name, outcome, category_code, body, active)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [fields.name, fields.outcome, fields.categoryCode, fields.body, fields.active],
    );
    return row;
  }

  async update(id: string, fields: TemplateFields): Promise<ResponseTemplateRow> {
    const [[row]] = await this.tx.query(
      `UPDATE response_templates
          SET name = $2, outcome = $3, category_code = $4, body = $5, active = $6, updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, fields.name, fields.outcome, fields.categoryCode, fields.body, fields.active],
    );
    return row;
  }
}
