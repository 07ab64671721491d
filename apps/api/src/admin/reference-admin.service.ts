import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../common/actor';
import { returning } from '@ngk/persistence';
import { auditAdminChange } from '../common/admin-audit';
import { unprocessable } from '../common/validation';
import { unitKinds } from './unit-kinds';
import type {
  CreateRoutingRuleDto,
  CreateUnitDto,
  UpdateRoutingRuleDto,
  UpdateUnitDto,
} from './reference-admin.dto';
import { conflict, notFound } from '../common/error-codes';

const UNIT_COLUMNS = `id, code, kind, name_vi AS "nameVi", name_en AS "nameEn", parent_id AS "parentId",
  supervisor_id AS "supervisorId", head_title AS "headTitle", valid_from::text AS "validFrom", valid_to::text AS "validTo"`;
const RULE_COLUMNS = `id, code, category_code AS "categoryCode", locality_unit_id AS "localityUnitId",
  lead_unit_id AS "leadUnitId", coordinating_unit_ids AS "coordinatingUnitIds", sla_policy_code AS "slaPolicyCode",
  priority, active`;

/** Admin changes to units and routing rules: references checked first (422), then written with their audit. */
@Injectable()
export class ReferenceAdminService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  createUnit(actor: Actor, dto: CreateUnitDto) {
    return this.dataSource.transaction(async (tx) => {
      await unique(tx, 'units', dto.code);
      await this.checkUnit(tx, dto);
      const [unit] = await tx.query(
        `INSERT INTO units (code, kind, name_vi, name_en, parent_id, supervisor_id, head_title, valid_from, valid_to)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${UNIT_COLUMNS}`,
        [
          dto.code,
          dto.kind,
          dto.nameVi,
          dto.nameEn,
          dto.parentId ?? null,
          dto.supervisorId ?? null,
          dto.headTitle ?? null,
          dto.validFrom,
          dto.validTo ?? null,
        ],
      );
      await auditAdminChange(tx, actor, {
        entity: 'unit',
        key: unit.id,
        action: 'create',
        before: null,
        after: unit,
      });
      return unit;
    });
  }

  updateUnit(actor: Actor, id: string, dto: UpdateUnitDto) {
    return this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT ${UNIT_COLUMNS} FROM units WHERE id = $1 FOR UPDATE`, [id]);
      if (!before) throw notFound('unit.not-found', `unit ${id} not found`);
      const merged = { ...before, ...given(dto) };
      if (merged.parentId === id || merged.supervisorId === id) {
        throw unprocessable(
          merged.parentId === id ? 'parentId' : 'supervisorId',
          'reference.own-parent',
          'a unit cannot be its own parent',
        );
      }
      await this.checkUnit(tx, merged);
      const [after] = await returning(
        tx,
        `UPDATE units SET name_vi = $2, name_en = $3, parent_id = $4, supervisor_id = $5, head_title = $6,
                valid_from = $7, valid_to = $8
          WHERE id = $1 RETURNING ${UNIT_COLUMNS}`,
        [
          id,
          merged.nameVi,
          merged.nameEn,
          merged.parentId,
          merged.supervisorId,
          merged.headTitle,
          merged.validFrom,
          merged.validTo,
        ],
      );
      await auditAdminChange(tx, actor, { entity: 'unit', key: id, action: 'update', before, after });
      return after;
    });
  }

  createRoutingRule(actor: Actor, dto: CreateRoutingRuleDto) {
    return this.dataSource.transaction(async (tx) => {
      await unique(tx, 'routing_rules', dto.code);
      await this.checkRule(tx, dto);
      const [rule] = await tx.query(
        `INSERT INTO routing_rules (code, category_code, locality_unit_id, lead_unit_id, coordinating_unit_ids,
           sla_policy_code, priority)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${RULE_COLUMNS}`,
        [
          dto.code,
          dto.categoryCode ?? null,
          dto.localityUnitId ?? null,
          dto.leadUnitId,
          dto.coordinatingUnitIds ?? [],
          dto.slaPolicyCode ?? null,
          dto.priority ?? 0,
        ],
      );
      await auditAdminChange(tx, actor, {
        entity: 'routing_rule',
        key: rule.id,
        action: 'create',
        before: null,
        after: rule,
      });
      return rule;
    });
  }

  updateRoutingRule(actor: Actor, id: string, dto: UpdateRoutingRuleDto) {
    return this.dataSource.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT ${RULE_COLUMNS} FROM routing_rules WHERE id = $1 FOR UPDATE`, [
        id,
      ]);
      if (!before) throw notFound('routing-rule.not-found', `routing rule ${id} not found`);
      const merged = { ...before, ...given(dto) };
      await this.checkRule(tx, merged);
      const [after] = await returning(
        tx,
        `UPDATE routing_rules SET lead_unit_id = $2, coordinating_unit_ids = $3, sla_policy_code = $4, priority = $5,
                active = $6
          WHERE id = $1 RETURNING ${RULE_COLUMNS}`,
        [
          id,
          merged.leadUnitId,
          merged.coordinatingUnitIds,
          merged.slaPolicyCode,
          merged.priority,
          merged.active,
        ],
      );
      await auditAdminChange(tx, actor, { entity: 'routing_rule', key: id, action: 'update', before, after });
      return after;
    });
  }

  private async checkUnit(
    tx: EntityManager,
    unit: {
      parentId?: string | null;
      supervisorId?: string | null;
      validFrom: string;
      validTo?: string | null;
    },
  ): Promise<void> {
    const kinds = await unitKinds(tx, [unit.parentId, unit.supervisorId]);
    for (const field of ['parentId', 'supervisorId'] as const) {
      const ref = unit[field];
      if (ref && !kinds.has(ref)) throw unprocessable(field, 'reference.unknown-unit', 'no such unit');
    }
    if (unit.validTo && unit.validTo <= unit.validFrom)
      throw unprocessable('validTo', 'range.validity-end-before-start', 'validTo must be after validFrom');
  }

  private async checkRule(
    tx: EntityManager,
    rule: {
      categoryCode?: string | null;
      localityUnitId?: string | null;
      leadUnitId: string;
      coordinatingUnitIds?: string[];
      slaPolicyCode?: string | null;
    },
  ): Promise<void> {
    const exists = async (sql: string, value: unknown) => (await tx.query(sql, [value])).length > 0;
    if (rule.categoryCode && !(await exists(`SELECT 1 FROM categories WHERE code = $1`, rule.categoryCode)))
      throw unprocessable('categoryCode', 'reference.unknown-category', 'no such category');
    const coordinating = rule.coordinatingUnitIds ?? [];
    const kinds = await unitKinds(tx, [rule.localityUnitId, rule.leadUnitId, ...coordinating]);
    if (rule.localityUnitId && !kinds.has(rule.localityUnitId))
      throw unprocessable('localityUnitId', 'reference.unknown-unit', 'no such unit');
    const leadKind = kinds.get(rule.leadUnitId);
    if (!leadKind || leadKind === 'commune')
      throw unprocessable(
        'leadUnitId',
        'reference.unit-cannot-lead',
        'must be a unit that can lead (not a commune)',
      );
    if (coordinating.includes(rule.leadUnitId))
      throw unprocessable(
        'coordinatingUnitIds',
        'lifecycle.lead-also-coordinates',
        'the lead unit cannot also coordinate',
      );
    if (!coordinating.every((id) => kinds.has(id)))
      throw unprocessable('coordinatingUnitIds', 'reference.unknown-unit', 'each must be a unit');
    if (
      rule.slaPolicyCode &&
      !(await exists(`SELECT 1 FROM sla_policies WHERE code = $1`, rule.slaPolicyCode))
    )
      throw unprocessable('slaPolicyCode', 'reference.unknown-sla-policy', 'no such SLA policy');
  }
}

/**
 * The fields a request gave. A DTO instance also carries the ones it left out, as undefined (class fields
 * are defined on construction): spread over the row, they would blank its values.
 */
function given<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<T>;
}

async function unique(tx: EntityManager, table: 'units' | 'routing_rules', code: string): Promise<void> {
  if ((await tx.query(`SELECT 1 FROM ${table} WHERE code = $1`, [code])).length > 0) {
    throw conflict('code.taken', `code "${code}" is taken`, 'code');
  }
}
