import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { unprocessable } from '../common/validation';
import { AdminRepository, type AdminTransaction } from './admin.repository';
import type {
  CreateRoutingRuleDto,
  CreateUnitDto,
  UpdateRoutingRuleDto,
  UpdateUnitDto,
} from './reference-admin.dto';
import { conflict, notFound } from '../common/error-codes';

/** Admin changes to units and routing rules: references checked first (422), then written with their audit. */
@Injectable()
export class ReferenceAdminService {
  constructor(private readonly repository: AdminRepository) {}

  createUnit(actor: Actor, dto: CreateUnitDto) {
    return this.repository.transaction(async (tx) => {
      await unique(tx, 'units', dto.code);
      await this.checkUnit(tx, dto);
      const unit = await tx.insertUnit(dto);
      await tx.audit(actor, {
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
    return this.repository.transaction(async (tx) => {
      const before = await tx.lockUnit(id);
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
      const after = await tx.updateUnit(id, merged);
      await tx.audit(actor, { entity: 'unit', key: id, action: 'update', before, after });
      return after;
    });
  }

  createRoutingRule(actor: Actor, dto: CreateRoutingRuleDto) {
    return this.repository.transaction(async (tx) => {
      await unique(tx, 'routing_rules', dto.code);
      await this.checkRule(tx, dto);
      const rule = await tx.insertRoutingRule(dto);
      await tx.audit(actor, {
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
    return this.repository.transaction(async (tx) => {
      const before = await tx.lockRoutingRule(id);
      if (!before) throw notFound('routing-rule.not-found', `routing rule ${id} not found`);
      const merged = { ...before, ...given(dto) };
      await this.checkRule(tx, merged);
      const after = await tx.updateRoutingRule(id, merged);
      await tx.audit(actor, { entity: 'routing_rule', key: id, action: 'update', before, after });
      return after;
    });
  }

  private async checkUnit(
    tx: AdminTransaction,
    unit: {
      parentId?: string | null;
      supervisorId?: string | null;
      validFrom: string;
      validTo?: string | null;
    },
  ): Promise<void> {
    const kinds = await tx.unitKinds([unit.parentId, unit.supervisorId]);
    for (const field of ['parentId', 'supervisorId'] as const) {
      const ref = unit[field];
      if (ref && !kinds.has(ref)) throw unprocessable(field, 'reference.unknown-unit', 'no such unit');
    }
    if (unit.validTo && unit.validTo <= unit.validFrom)
      throw unprocessable('validTo', 'range.validity-end-before-start', 'validTo must be after validFrom');
  }

  private async checkRule(
    tx: AdminTransaction,
    rule: {
      categoryCode?: string | null;
      localityUnitId?: string | null;
      leadUnitId: string;
      coordinatingUnitIds?: string[];
      slaPolicyCode?: string | null;
    },
  ): Promise<void> {
    if (rule.categoryCode && !(await tx.categoryExists(rule.categoryCode)))
      throw unprocessable('categoryCode', 'reference.unknown-category', 'no such category');
    const coordinating = rule.coordinatingUnitIds ?? [];
    const kinds = await tx.unitKinds([rule.localityUnitId, rule.leadUnitId, ...coordinating]);
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
    if (rule.slaPolicyCode && !(await tx.slaPolicyExists(rule.slaPolicyCode)))
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

async function unique(tx: AdminTransaction, table: 'units' | 'routing_rules', code: string): Promise<void> {
  if (await tx.codeTaken(table, code)) throw conflict('code.taken', `code "${code}" is taken`, 'code');
}
