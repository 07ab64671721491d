import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { unprocessable } from '../common/validation';
import { successorProblem } from '@ngk/domain';
import { ClockService } from '../calendar/clock.service';
import { assertInForce } from '../common/unit-validity';
import {
  AdminRepository,
  type AdminTransaction,
  type RoutingRuleRow,
  type UnitRow,
} from './admin.repository';
import type {
  CreateRoutingRuleDto,
  CreateUnitDto,
  MoveUnitDto,
  UpdateRoutingRuleDto,
  UpdateUnitDto,
} from './reference-admin.dto';
import { conflict, notFound } from '../common/error-codes';

/** Admin changes to units and routing rules: references checked first (422), then written with their audit. */
@Injectable()
export class ReferenceAdminService {
  constructor(
    private readonly repository: AdminRepository,
    private readonly clock: ClockService,
  ) {}

  createUnit(actor: Actor, dto: CreateUnitDto) {
    return this.repository.transaction(async (tx) => {
      await unique(tx, 'units', dto.code);
      await this.checkUnit(tx, dto, null);
      const inserted = await tx.insertUnit(dto);
      const successorIds = dto.successorIds ?? [];
      await this.checkSuccessors(tx, inserted.id, dto, successorIds);
      await tx.setSuccessors(inserted.id, successorIds, dto.successorDecision ?? null);
      const unit = { ...inserted, successorIds: [...successorIds].sort() };
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
      const { successorDecision: _decision, ...fields } = given(dto);
      const merged = { ...before, ...fields, successorIds: fields.successorIds ?? before.successorIds };
      if (merged.parentId === id || merged.supervisorId === id) {
        throw unprocessable(
          merged.parentId === id ? 'parentId' : 'supervisorId',
          'reference.own-parent',
          'a unit cannot be its own parent',
        );
      }
      await this.checkUnit(tx, merged, before);
      await this.checkSuccessors(tx, id, merged, merged.successorIds);
      await tx.updateUnit(id, merged);
      await tx.setSuccessors(id, merged.successorIds, dto.successorDecision ?? null);
      const after = (await tx.lockUnit(id))!;
      await tx.audit(actor, { entity: 'unit', key: id, action: 'update', before, after });
      return after;
    });
  }

  createRoutingRule(actor: Actor, dto: CreateRoutingRuleDto) {
    return this.repository.transaction(async (tx) => {
      await unique(tx, 'routing_rules', dto.code);
      await this.checkRule(tx, dto, null);
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
      await this.checkRule(tx, merged, before);
      const after = await tx.updateRoutingRule(id, merged);
      await tx.audit(actor, { entity: 'routing_rule', key: id, action: 'update', before, after });
      return after;
    });
  }

  /** Moves a unit under another parent from a day on, today or earlier; the dashboard and report follow. */
  moveUnit(actor: Actor, id: string, dto: MoveUnitDto) {
    return this.repository.transaction(async (tx) => {
      const before = await tx.lockUnit(id);
      if (!before) throw notFound('unit.not-found', `unit ${id} not found`);
      if (dto.parentId === id)
        throw unprocessable('parentId', 'reference.own-parent', 'a unit cannot be its own parent');
      if (dto.from < before.validFrom)
        throw unprocessable('from', 'range.move-before-unit', `from must not be before ${before.validFrom}`);
      const today = this.clock.today();
      if (dto.from > today)
        throw unprocessable('from', 'range.move-in-future', 'from must be today or earlier');
      const parent = (await tx.datedUnits([dto.parentId])).get(dto.parentId);
      if (!parent) throw unprocessable('parentId', 'reference.unknown-unit', 'no such unit');
      assertInForce('parentId', parent, today);
      assertInForce('parentId', parent, dto.from);
      const parentsBefore = await tx.parentLinks(id);
      await tx.moveUnit(id, dto.parentId, dto.from);
      const after = { ...(await tx.lockUnit(id))!, parents: await tx.parentLinks(id) };
      await tx.audit(actor, {
        entity: 'unit',
        key: id,
        action: 'update',
        before: { ...before, parents: parentsBefore },
        after,
      });
      return after;
    });
  }

  /** A parent or supervisor the unit did not have before (`before`, null for a new unit) must be in force. */
  private async checkUnit(
    tx: AdminTransaction,
    unit: {
      parentId?: string | null;
      supervisorId?: string | null;
      validFrom: string;
      validTo?: string | null;
    },
    before: UnitRow | null,
  ): Promise<void> {
    const units = await tx.datedUnits([unit.parentId, unit.supervisorId]);
    for (const field of ['parentId', 'supervisorId'] as const) {
      const ref = unit[field];
      if (!ref) continue;
      const named = units.get(ref);
      if (!named) throw unprocessable(field, 'reference.unknown-unit', 'no such unit');
      if (ref !== before?.[field]) assertInForce(field, named, this.clock.today());
    }
    if (unit.validTo && unit.validTo <= unit.validFrom)
      throw unprocessable('validTo', 'range.validity-end-before-start', 'validTo must be after validFrom');
  }

  /** Successors: existing units, never the unit itself or a cycle, each in force once the unit ends. */
  private async checkSuccessors(
    tx: AdminTransaction,
    id: string,
    unit: { validFrom: string; validTo?: string | null },
    successorIds: string[],
  ): Promise<void> {
    if (successorIds.length === 0) return;
    const units = await tx.datedUnits(successorIds);
    const missing = successorIds.findIndex((s) => !units.get(s));
    if (missing >= 0)
      throw unprocessable(`successorIds.${missing}`, 'reference.unknown-unit', 'no such unit');
    const links = await tx.successorLinks();
    const problem = successorProblem(
      id,
      { validFrom: unit.validFrom, validTo: unit.validTo ?? null },
      successorIds.map((s) => units.get(s)!),
      (u) => (u === id ? [] : (links.get(u) ?? [])),
    );
    if (!problem) return;
    if (problem.rule === 'without-end')
      throw unprocessable(
        'validTo',
        'reference.successor-without-end',
        'a unit with successors must have validTo',
      );
    const field = `successorIds.${successorIds.indexOf(problem.successorId)}`;
    const texts = {
      self: ['reference.successor-self', 'a unit cannot succeed itself'],
      cycle: ['reference.successor-cycle', 'this successor leads back to the unit'],
      'not-valid-after-end': [
        'reference.successor-not-in-force',
        'the successor must be in force the day after validTo',
      ],
    } as const;
    const [code, reason] = texts[problem.rule];
    throw unprocessable(field, code, reason);
  }

  /** Units the rule did not name before (`before`, null for a new rule) must be in force today. */
  private async checkRule(
    tx: AdminTransaction,
    rule: {
      categoryCode?: string | null;
      localityUnitId?: string | null;
      leadUnitId: string;
      coordinatingUnitIds?: string[];
      slaPolicyCode?: string | null;
    },
    before: RoutingRuleRow | null,
  ): Promise<void> {
    if (rule.categoryCode && !(await tx.categoryExists(rule.categoryCode)))
      throw unprocessable('categoryCode', 'reference.unknown-category', 'no such category');
    const coordinating = rule.coordinatingUnitIds ?? [];
    const units = await tx.datedUnits([rule.localityUnitId, rule.leadUnitId, ...coordinating]);
    const today = this.clock.today();
    if (rule.localityUnitId && !units.has(rule.localityUnitId))
      throw unprocessable('localityUnitId', 'reference.unknown-unit', 'no such unit');
    const lead = units.get(rule.leadUnitId);
    if (!lead || lead.kind === 'commune')
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
    if (!coordinating.every((id) => units.has(id)))
      throw unprocessable('coordinatingUnitIds', 'reference.unknown-unit', 'each must be a unit');
    if (rule.localityUnitId && rule.localityUnitId !== before?.localityUnitId)
      assertInForce('localityUnitId', units.get(rule.localityUnitId)!, today);
    if (rule.leadUnitId !== before?.leadUnitId) assertInForce('leadUnitId', lead, today);
    const coordinatedBefore = new Set(before?.coordinatingUnitIds ?? []);
    coordinating.forEach((id, i) => {
      if (!coordinatedBefore.has(id)) assertInForce(`coordinatingUnitIds.${i}`, units.get(id)!, today);
    });
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
