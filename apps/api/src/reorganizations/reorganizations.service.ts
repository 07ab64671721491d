import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Environment } from '@ngk/config';
import {
  parseSuccessionCsv,
  planItem,
  successionOf,
  successorKindFits,
  type Succession,
  type UnitKind,
} from '@ngk/domain';
import {
  REORGANIZATION_WORKFLOW_TYPE,
  reorganizationWorkflowId,
  type ReorganizationWorkflowInput,
} from '@ngk/definitions';
import type { ReorganizationProgress } from '@ngk/persistence';
import type { Actor } from '../common/actor';
import type { DatedUnitRow } from '../common/dated-units.repository';
import { conflict, notFound, type RefusalCode } from '../common/error-codes';
import { ClockService } from '../calendar/clock.service';
import { assertInForce } from '../common/unit-validity';
import { invalidField, unprocessable } from '../common/validation';
import type { CreateReorganizationDto } from './reorganizations.dto';
import { ReorganizationsRepository, type ReorganizationsTransaction } from './reorganizations.repository';

/** Units every item names from its submission on, which a reorganization cannot hand on. */
const LIFECYCLE_KINDS: readonly string[] = ['triage-office', 'standing-committee'];

/** Items a preview lists by name; beyond it, it counts them. */
const PREVIEW_ITEMS = 2_000;

/** One ended unit as a request names it, and the field a refusal names. */
interface NamedUnit {
  field: string;
  unitId: string;
  successorId: string | null;
}

/** A field error of a refusal. */
interface FieldError {
  field: string;
  code: RefusalCode;
  reason: string;
  params?: Record<string, string | number>;
}

/**
 * Reorganizations: an admin records the decision and the units it ends, previews what would move, and
 * starts its run (reorganizationWorkflow), which does the moving.
 */
@Injectable()
export class ReorganizationsService {
  constructor(
    private readonly repository: ReorganizationsRepository,
    private readonly temporal: Client,
    private readonly config: ConfigService<Environment, true>,
    private readonly clock: ClockService,
  ) {}

  /** Every reorganization, newest first, each with its units and progress. */
  async list() {
    const all = await this.repository.list();
    return Promise.all(all.map(async (r) => ({ ...r, units: await this.repository.units(r.id) })));
  }

  async create(actor: Actor, dto: CreateReorganizationDto) {
    if (dto.effectiveDate < dto.decisionDate)
      throw invalidField(
        'effectiveDate',
        'range.effective-before-decision',
        'effectiveDate must not be before decisionDate',
      );
    const id = await this.repository.transaction(async (tx) => {
      const named = dto.units.map((u, i) => ({
        field: `units.${i}`,
        unitId: u.unitId,
        successorId: u.successorId ?? null,
      }));
      const errors = await checkUnits(tx, named, dto.effectiveDate, this.clock.today());
      if (errors.length > 0) throw refusal(errors[0].code, errors);
      const id = await tx.insert({
        decisionNo: dto.decisionNo,
        decisionDate: dto.decisionDate,
        effectiveDate: dto.effectiveDate,
        note: dto.note ?? null,
        createdBy: actor.userId,
      });
      await tx.setUnits(id, named);
      await tx.audit(actor, {
        entity: 'reorganization',
        key: id,
        action: 'create',
        before: null,
        after: dto,
      });
      return id;
    });
    return this.get(id);
  }

  /**
   * Adds commune mergers from a CSV file (`old_code,new_code` per line). A commune named with several new
   * ones, here or before, gets none: its items wait for an admin.
   */
  async addCommunes(actor: Actor, id: string, csv: unknown) {
    if (typeof csv !== 'string' || csv.trim() === '')
      throw invalidField(
        'body',
        'reorganization.csv-empty',
        'send the file as text/csv: old_code,new_code per line',
      );
    const parsed = parseSuccessionCsv(csv);
    if (parsed.errors.length > 0)
      throw refusal(
        'reorganization.csv-invalid',
        parsed.errors.map((e) => lineError(e.line, 'reorganization.csv-invalid', e.reason)),
      );
    const result = await this.repository.transaction(async (tx) => {
      const reorganization = await tx.lock(id);
      if (!reorganization) throw notFound('reorganization.not-found', `reorganization ${id} not found`);
      if (reorganization.status !== 'draft')
        throw conflict('reorganization.not-draft', 'the reorganization has started: its units are fixed');
      const codes = await tx.unitsByCode([...new Set(parsed.lines.flatMap((l) => [l.oldCode, l.newCode]))]);
      const errors: FieldError[] = [];
      const pairs: NamedUnit[] = [];
      for (const line of parsed.lines) {
        const [from, to] = [codes.get(line.oldCode), codes.get(line.newCode)];
        const unknown = !from ? line.oldCode : !to ? line.newCode : null;
        if (unknown) {
          errors.push(lineError(line.line, 'reference.unknown-unit', `no unit has the code ${unknown}`));
          continue;
        }
        if (from!.kind !== 'commune' || to!.kind !== 'commune') {
          errors.push(lineError(line.line, 'reorganization.commune-only', 'both codes must be communes'));
          continue;
        }
        pairs.push({ field: `line.${line.line}`, unitId: from!.id, successorId: to!.id });
      }
      const before = await tx.succession(id);
      errors.push(...(await checkUnits(tx, pairs, reorganization.effectiveDate, this.clock.today(), before)));
      if (errors.length > 0) throw refusal(errors[0].code, errors);
      const succession = successionOf([...before, ...pairs]);
      const touched = [...new Set(pairs.map((p) => p.unitId))];
      await tx.setUnits(
        id,
        touched.map((unitId) => ({ unitId, successorId: succession[unitId] })),
      );
      await tx.audit(actor, {
        entity: 'reorganization',
        key: id,
        action: 'update',
        before: { units: before },
        after: { units: await tx.succession(id) },
      });
      return {
        lines: parsed.lines.length,
        units: touched.length,
        ambiguous: touched.filter((u) => !succession[u]).length,
      };
    });
    return { ...result, reorganization: await this.get(id) };
  }

  async get(id: string) {
    const progress = await this.repository.progress(id);
    if (!progress) throw notFound('reorganization.not-found', `reorganization ${id} not found`);
    return { ...progress, units: await this.repository.units(id) };
  }

  /** What the run would do, as of now: it writes nothing. */
  async preview(id: string) {
    const reorganization = await this.get(id);
    const succession = successionOf(reorganization.units);
    const ended = Object.keys(succession);
    const moving = (u: string | null) => u !== null && succession[u] != null;
    const undecided = (u: string | null) => u !== null && u in succession && succession[u] === null;
    const rules = await this.repository.rulesNaming(ended);
    const ruleUnits = (r: (typeof rules)[number]) => [
      r.leadUnitId,
      r.localityUnitId,
      ...r.coordinatingUnitIds,
    ];
    const accounts = await this.repository.accountsOf(ended);
    const accountUnits = (a: (typeof accounts)[number]) => [a.unitId, ...a.followedUnitIds];
    const items = await this.itemPlans(ended, succession);
    return {
      reorganization,
      rules: {
        move: rules.filter((r) => ruleUnits(r).some(moving)),
        decide: rules.filter((r) => ruleUnits(r).some(undecided)),
      },
      accounts: {
        move: accounts.filter((a) => accountUnits(a).some(moving)),
        decide: accounts.filter((a) => accountUnits(a).some(undecided)),
      },
      items,
    };
  }

  /** Starts the run, or finds the one started before: a second call changes nothing. Answers the progress. */
  async run(actor: Actor, id: string): Promise<ReorganizationProgress> {
    const status = await this.repository.transaction(async (tx) => {
      const reorganization = await tx.lock(id);
      if (!reorganization) throw notFound('reorganization.not-found', `reorganization ${id} not found`);
      if ((await tx.succession(id)).length === 0)
        throw unprocessable('units', 'reorganization.no-units', 'name the units the decision ends first');
      if (reorganization.status !== 'draft') return reorganization.status;
      await tx.markRunning(id, actor.userId);
      await tx.audit(actor, {
        entity: 'reorganization',
        key: id,
        action: 'update',
        before: { status: 'draft' },
        after: { status: 'running' },
      });
      return 'running';
    });
    // Done is done, even once Temporal's retention has forgotten the run.
    if (status === 'done') return (await this.repository.progress(id))!;
    const input: ReorganizationWorkflowInput = { reorganizationId: id };
    try {
      await this.temporal.workflow.start(REORGANIZATION_WORKFLOW_TYPE, {
        workflowId: reorganizationWorkflowId(id),
        taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      // The run has finished: this reorganization is done, and done once.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    return (await this.repository.progress(id))!;
  }

  async progress(id: string): Promise<ReorganizationProgress> {
    const progress = await this.repository.progress(id);
    if (!progress) throw notFound('reorganization.not-found', `reorganization ${id} not found`);
    return progress;
  }

  /** Items the run left for an admin, and accounts of units without a single successor. */
  async review(id: string) {
    const reorganization = await this.get(id);
    const undecided = reorganization.units.filter((u) => u.successorId === null).map((u) => u.unitId);
    return {
      items: await this.repository.review(id),
      accounts: undecided.length > 0 ? await this.repository.accountsOf(undecided) : [],
    };
  }

  /** Every open item the ended units hold, with what would happen to it. */
  private async itemPlans(ended: string[], succession: Succession) {
    const move: { id: string; moves: Record<string, string> }[] = [];
    const review: { id: string; unitIds: string[] }[] = [];
    let total = 0;
    for (let after: string | null = null; ;) {
      const page = await this.repository.heldItems(ended, { after, limit: 500 });
      if (page.length === 0) break;
      for (const item of page) {
        const plan = planItem(item, succession);
        total++;
        if (plan.kind === 'move' && move.length < PREVIEW_ITEMS)
          move.push({ id: item.id, moves: plan.moves });
        if (plan.kind === 'review' && review.length < PREVIEW_ITEMS)
          review.push({ id: item.id, unitIds: plan.unitIds });
      }
      after = page.at(-1)!.id;
    }
    const rows = new Map(
      (await this.repository.items([...move, ...review].map((i) => i.id))).map((r) => [r.id, r]),
    );
    return {
      total,
      move: move.map((i) => ({ ...rows.get(i.id)!, moves: i.moves })),
      review: review.map((i) => ({ ...rows.get(i.id)!, unitIds: i.unitIds })),
    };
  }
}

/**
 * The problems with the ended units named: each must exist, be in force `today` (the server's clock) and named once (with the
 * units named `before`, for a later file); its successor must exist, be in force on the effective date,
 * be of a fitting kind and not end itself.
 */
async function checkUnits(
  tx: ReorganizationsTransaction,
  named: NamedUnit[],
  effectiveDate: string,
  today: string,
  before: { unitId: string; successorId: string | null }[] = [],
): Promise<FieldError[]> {
  const units = await tx.datedUnits(named.flatMap((n) => [n.unitId, n.successorId]));
  const ending = new Set([...before, ...named].map((n) => n.unitId));
  const seen = new Map<string, string | null>(before.map((b) => [b.unitId, b.successorId]));
  const fromFile = named.some((n) => n.field.startsWith('line.'));
  const errors: FieldError[] = [];
  const fail = (field: string, code: RefusalCode, reason: string) => errors.push({ field, code, reason });
  for (const n of named) {
    const unit = units.get(n.unitId);
    const successor = n.successorId ? units.get(n.successorId) : null;
    const unitField = fromFile ? n.field : `${n.field}.unitId`;
    const successorField = fromFile ? n.field : `${n.field}.successorId`;
    if (!unit) fail(unitField, 'reference.unknown-unit', 'no such unit');
    // A file may name the same merger twice, or a commune again with another successor (several).
    else if (seen.has(n.unitId) && !fromFile)
      fail(unitField, 'reorganization.unit-twice', 'a unit is named once');
    // Every item names these two from its start (transfers back to triage, directives): not movable yet.
    else if (LIFECYCLE_KINDS.includes(unit.kind))
      fail(
        unitField,
        'reorganization.lifecycle-unit',
        'the triage office and the Standing Committee cannot be ended by a reorganization',
      );
    else if (inForceError(unitField, unit, today)) errors.push(inForceError(unitField, unit, today)!);
    seen.set(n.unitId, n.successorId);
    if (!n.successorId || !unit) continue;
    if (n.successorId === n.unitId)
      fail(successorField, 'reference.successor-self', 'a unit cannot succeed itself');
    else if (!successor) fail(successorField, 'reference.unknown-unit', 'no such unit');
    else if (ending.has(n.successorId))
      fail(successorField, 'reorganization.successor-ends', 'the successor is ended by this decision too');
    else if (!successorKindFits(unit.kind as UnitKind, successor.kind as UnitKind))
      fail(
        successorField,
        'reorganization.successor-kind',
        'a commune is succeeded by a commune, any other unit by a unit that is not one',
      );
    else if (inForceError(successorField, successor, effectiveDate))
      errors.push(inForceError(successorField, successor, effectiveDate)!);
  }
  return errors;
}

/** assertInForce's refusal as a field error, or null when the unit is in force on the day. */
function inForceError(field: string, unit: DatedUnitRow, day: string): FieldError | null {
  try {
    assertInForce(field, unit, day);
    return null;
  } catch (err) {
    const body = (err as UnprocessableEntityException).getResponse() as { errors: FieldError[] };
    return body.errors[0];
  }
}

function lineError(line: number, code: RefusalCode, reason: string): FieldError {
  return { field: `line.${line}`, code, reason, params: { line } };
}

/** One 422 naming every field (or line) at fault. */
function refusal(code: RefusalCode, errors: FieldError[]): UnprocessableEntityException {
  const lines = errors.filter((e) => e.field.startsWith('line.')).map((e) => e.field.slice(5));
  const message =
    lines.length > 0 ? `lines ${[...new Set(lines)].join(', ')} cannot be taken` : errors[0].reason;
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message,
    code,
    errors,
  });
}
