import { Injectable } from '@nestjs/common';
import { OUTCOMES, type Outcome } from '@ngk/domain';
import type { Actor } from '../common/actor';
import { conflict, notFound } from '../common/error-codes';
import { unprocessable } from '../common/validation';
import type {
  CreateResponseTemplateDto,
  FittingTemplatesQuery,
  UpdateResponseTemplateDto,
} from './response-templates.dto';
import {
  ResponseTemplatesRepository,
  type TemplateFields,
  type TemplatesTransaction,
} from './response-templates.repository';

const isOutcome = (value: string): value is Outcome => (OUTCOMES as readonly string[]).includes(value);

/**
 * Response templates: admins keep them (each change audited), units read the ones that fit the item
 * they resolve. A name is unique in any case (409); an outcome or category must exist (422).
 */
@Injectable()
export class ResponseTemplatesService {
  constructor(private readonly repository: ResponseTemplatesRepository) {}

  all() {
    return this.repository.all();
  }

  /** The active templates that fit an item the actor may see: its category's and every category's. */
  async fitting(actor: Actor, recommendationId: string, query: FittingTemplatesQuery) {
    if (query.outcome !== undefined && !isOutcome(query.outcome))
      throw unprocessable('outcome', 'reference.unknown-outcome', 'no such outcome');
    const categoryCode = await this.repository.categoryOf(recommendationId, actor);
    if (!categoryCode)
      throw notFound('recommendation.not-found', `recommendation ${recommendationId} not found`);
    return this.repository.fitting(categoryCode, query.outcome ?? null);
  }

  create(actor: Actor, dto: CreateResponseTemplateDto) {
    return this.repository.transaction(async (tx) => {
      const fields: TemplateFields = {
        name: dto.name,
        outcome: dto.outcome,
        categoryCode: dto.categoryCode ?? null,
        body: dto.body,
        active: true,
      };
      await this.check(tx, fields, null);
      const template = await tx.insert(fields);
      await tx.audit(actor, {
        entity: 'response_template',
        key: template.id,
        action: 'create',
        before: null,
        after: template,
      });
      return template;
    });
  }

  update(actor: Actor, id: string, dto: UpdateResponseTemplateDto) {
    return this.repository.transaction(async (tx) => {
      const before = await tx.lock(id);
      if (!before) throw notFound('response-template.not-found', `response template ${id} not found`);
      const fields: TemplateFields = {
        name: dto.name ?? before.name,
        outcome: dto.outcome ?? before.outcome,
        categoryCode: dto.categoryCode === undefined ? before.categoryCode : dto.categoryCode,
        body: dto.body ?? before.body,
        active: dto.active ?? before.active,
      };
      await this.check(tx, fields, id);
      const after = await tx.update(id, fields);
      await tx.audit(actor, { entity: 'response_template', key: id, action: 'update', before, after });
      return after;
    });
  }

  /** The name is free (409 otherwise), the outcome and the category exist (422 otherwise). */
  private async check(tx: TemplatesTransaction, fields: TemplateFields, id: string | null): Promise<void> {
    if (!isOutcome(fields.outcome))
      throw unprocessable('outcome', 'reference.unknown-outcome', 'no such outcome');
    if (fields.categoryCode && !(await tx.categoryExists(fields.categoryCode)))
      throw unprocessable('categoryCode', 'reference.unknown-category', 'no such category');
    if (await tx.nameTaken(fields.name, id))
      throw conflict('response-template.name-taken', `a template named "${fields.name}" exists`, 'name');
  }
}
