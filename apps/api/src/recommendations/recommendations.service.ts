import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { createHash } from 'node:crypto';
import type { Environment } from '@ngk/config';
import { WELL_KNOWN_UNITS, type SubmissionInput } from '@ngk/domain';
import { recommendationWorkflowId } from '@ngk/temporal';
import {
  RECOMMENDATION_WORKFLOW_TYPE,
  submitUpdate,
  type RecommendationWorkflowInput,
} from '@ngk/workflows/recommendation.definitions';
import type { Actor } from '../common/actor';
import { unprocessable } from '../common/validation';
import type { CreateRecommendationDto } from './dto/create-recommendation.dto';
import { RecommendationsRepository } from './recommendations.repository';

const LOCALITY_KINDS = ['commune', 'district'];

@Injectable()
export class RecommendationsService {
  constructor(
    private readonly repository: RecommendationsRepository,
    private readonly temporal: Client,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /**
   * Starts the item's workflow with update-with-start and answers once it is routed. The workflow id is
   * derived from the submitter and the Idempotency-Key, so a retried request never makes a second item;
   * the same key with another body is refused.
   */
  async submit(actor: Actor, dto: CreateRecommendationDto, idempotencyKey: string | undefined) {
    await this.checkReferences(dto);
    const submission: SubmissionInput = {
      title: dto.title,
      situation: dto.situation,
      proposal: dto.proposal,
      categoryCode: dto.categoryCode,
      localityUnitId: dto.localityUnitId,
      costEstimateVnd: dto.costEstimateVnd ?? null,
      urgency: dto.urgency ?? 'normal',
      legalReferences: dto.legalReferences ?? [],
      attachments: (dto.attachments ?? []).map((a) => ({ name: a.name, url: a.url })),
      suggestedUnitId: dto.suggestedUnitId ?? null,
      submittedByUserId: actor.userId,
    };
    const requestHash = sha256(canonicalJson(submission));
    const recommendationId = idempotencyKey
      ? uuidFromDigest(sha256(`${actor.userId}\u0000${idempotencyKey}`))
      : crypto.randomUUID();
    const workflowId = recommendationWorkflowId(recommendationId);
    const input: RecommendationWorkflowInput = {
      recommendationId,
      submission,
      submittedAt: new Date().toISOString(),
      triageUnitId: await this.repository.wellKnownUnitId(WELL_KNOWN_UNITS.triageOffice),
      standingCommitteeUnitId: await this.repository.wellKnownUnitId(WELL_KNOWN_UNITS.standingCommittee),
    };

    const startWorkflowOperation = new WithStartWorkflowOperation(RECOMMENDATION_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { requestHash },
    });
    try {
      await this.temporal.workflow.executeUpdateWithStart(submitUpdate, { startWorkflowOperation });
    } catch (err) {
      // A closed workflow with this id: the key was used before and the item has finished its life.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    if (idempotencyKey) await this.assertSameRequest(workflowId, requestHash);
    return this.get(recommendationId);
  }

  async get(id: string) {
    const row = await this.repository.findById(id);
    if (!row) throw new NotFoundException(`recommendation ${id} not found`);
    return row;
  }

  async timeline(id: string) {
    await this.get(id);
    return this.repository.listEvents(id);
  }

  private async assertSameRequest(workflowId: string, requestHash: string): Promise<void> {
    const description = await this.temporal.workflow.getHandle(workflowId).describe();
    const stored = description.memo?.requestHash;
    if (stored !== requestHash) {
      throw new UnprocessableEntityException({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'this Idempotency-Key was already used with a different request body',
        errors: [{ field: 'Idempotency-Key', reason: 'already used with a different request body' }],
      });
    }
  }

  private async checkReferences(dto: CreateRecommendationDto): Promise<void> {
    if (!(await this.repository.categoryExists(dto.categoryCode))) {
      throw unprocessable('categoryCode', `unknown category "${dto.categoryCode}"`);
    }
    const locality = await this.repository.findUnit(dto.localityUnitId);
    if (!locality) throw unprocessable('localityUnitId', 'unknown unit');
    if (!LOCALITY_KINDS.includes(locality.kind)) {
      throw unprocessable('localityUnitId', `must be a commune or district, not a ${locality.kind}`);
    }
    if (dto.suggestedUnitId && !(await this.repository.findUnit(dto.suggestedUnitId))) {
      throw unprocessable('suggestedUnitId', 'unknown unit');
    }
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with sorted keys, so the same body hashes the same whatever the field order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** A name-based UUID (version 8 layout) from a hex digest. */
function uuidFromDigest(hex: string): string {
  const b = hex.slice(0, 32).split('');
  b[12] = '8';
  b[16] = ((parseInt(b[16], 16) & 0x3) | 0x8).toString(16);
  const s = b.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
