import {
  ConflictException,
  ForbiddenException,
  HttpException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  Client,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createHash } from 'node:crypto';
import type { Environment } from '@ngk/config';
import {
  cadreInCharge,
  ACTION_CATALOGUE,
  allowedActions,
  checkInput,
  deadlineDateRefusal,
  reopenWindowAt,
  type FieldSpec,
  type Refusal,
  waitingFor,
  type ActionInput,
  type LifecycleSnapshot,
  type RecommendationStatus,
  type SubmissionInput,
} from '@ngk/domain';
import type { SubmissionRouting } from '@ngk/domain/deadline-plan';
import { recommendationWorkflowId } from '@ngk/temporal';
import {
  actionUpdates,
  RECOMMENDATION_WORKFLOW_TYPE,
  submitUpdate,
  type RecommendationWorkflowInput,
  type RefusalDetails,
} from '@ngk/definitions';
import { ClockService } from '../calendar/clock.service';
import { CountdownsService } from '../calendar/countdowns.service';
import type { Actor } from '../common/actor';
import { measureStage } from '../common/server-timing';
import { assertInForce } from '../common/unit-validity';
import { invalidField, unprocessable } from '../common/validation';
import type { CreateRecommendationDto } from './dto/create-recommendation.dto';
import type { ListRecommendationsQuery } from './dto/list-recommendations.query';
import { decodeCursor, DEFAULT_ORDER, encodeCursor } from './list-cursor';
import { decodeTimelineCursor, encodeTimelineCursor } from './timeline-cursor';
import { TIMELINE_PAGE, type TimelineQuery } from './dto/timeline.query';
import {
  RecommendationsRepository,
  type RecommendationView,
  type TaskView,
} from './recommendations.repository';
import { IdempotencyRepository, type ActionKey, type ActionRecord } from './idempotency.repository';
import { UserRates } from './user-rates.service';
import { temporalUiLink } from './temporal-ui-link';
import { ReportIssueLinks } from '../cadre-reports/report-issue-links';
import { codeForStatus, notFound, RetryLaterException } from '../common/error-codes';

const LOCALITY_KINDS = ['commune', 'district'];

/** Rows read per query while exporting. */
const EXPORT_PAGE = 500;
/** The item's deadlines, each with its countdown in working days. */
const ITEM_DEADLINES = [
  'acknowledgeDueAt',
  'resolutionDueAt',
  'feedbackDueAt',
  'verificationDueAt',
  'directiveDueAt',
  'infoDueAt',
] as const;
/** The deadlines a list row carries. */
export const LIST_DEADLINES = [
  'acknowledgeDueAt',
  'resolutionDueAt',
  'feedbackDueAt',
  'directiveDueAt',
] as const;

@Injectable()
export class RecommendationsService {
  constructor(
    private readonly repository: RecommendationsRepository,
    private readonly temporal: Client,
    private readonly config: ConfigService<Environment, true>,
    private readonly countdowns: CountdownsService,
    private readonly clock: ClockService,
    private readonly rates: UserRates,
    private readonly keys: IdempotencyRepository,
    private readonly issueLinks: ReportIssueLinks,
  ) {}

  /**
   * Starts the item's workflow with update-with-start and answers once it is routed. The workflow id is
   * derived from the submitter and the Idempotency-Key, so a retried request never makes a second item;
   * the same key with another body is refused. The key is recorded in PostgreSQL with the request's hash:
   * it holds after Temporal has forgotten the item's closed workflow.
   */
  async submit(actor: Actor, dto: CreateRecommendationDto, idempotencyKey: string | undefined) {
    return dto.fromIssueId
      ? this.issueLinks.exclusively(dto.fromIssueId, () => this.submitOnce(actor, dto, idempotencyKey))
      : this.submitOnce(actor, dto, idempotencyKey);
  }

  private async submitOnce(actor: Actor, dto: CreateRecommendationDto, idempotencyKey: string | undefined) {
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
    // With a key, its record and the item it names are read at once: neither depends on the other.
    const [recorded, existing] = idempotencyKey
      ? await measureStage('read', () =>
          Promise.all([
            this.keys.findSubmission(actor.userId, idempotencyKey),
            this.repository.statusOf(recommendationId),
          ]),
        )
      : [null, null];
    if (recorded && recorded.requestHash !== requestHash) throw keyReused();
    // A closed item's workflow may be past Temporal's retention: starting it again would make a second
    // life for the same id. The recorded key is the proof; an item from before keys were recorded has
    // its request's hash in the workflow's memo while Temporal keeps it.
    if (existing === 'closed') {
      if (!recorded) await this.assertSameRequest(recommendationWorkflowId(recommendationId), requestHash);
      return this.get(actor, recommendationId);
    }
    const submittedAt = new Date().toISOString();
    const lifecycleUnits = await measureStage('read', () => this.repository.lifecycleUnitIds());
    // A new item is routed here, its rule and first deadlines read while its references are checked: the
    // workflow takes them from its input rather than look them up in a local activity of its own.
    const routed = (): Promise<SubmissionRouting> =>
      this.repository.routeSubmission(this.clock.scale, {
        categoryCode: submission.categoryCode,
        localityUnitId: submission.localityUnitId,
        urgency: submission.urgency,
        triageUnitId: lifecycleUnits.triageUnitId,
        from: submittedAt,
      });
    let routing: SubmissionRouting | undefined;
    // A new submission names units in force; a retry of one already made is answered with its item even
    // after a reorganization has ended its commune. Counted once valid, so a refusal writes nothing; a
    // retry of a submission already made is not another.
    if (!existing && !recorded) {
      const [checked, routedNow] = await measureStage('read', () =>
        Promise.allSettled([
          (async () => {
            await this.checkReferences(dto);
            if (dto.fromIssueId) await this.issueLinks.assertLinkable(actor, dto.fromIssueId);
          })(),
          routed(),
        ]),
      );
      // The checks' refusal comes first: routing an unknown category or commune has no meaning.
      if (checked.status === 'rejected') throw checked.reason;
      if (routedNow.status === 'rejected') throw routedNow.reason;
      routing = routedNow.value;
      await measureStage('limits', () => this.rates.takeSubmission(actor.userId));
    } else if (!existing) {
      // A retry whose first attempt was cut short before its item started.
      routing = await measureStage('read', routed);
    }
    if (idempotencyKey && !recorded && !existing) {
      const first = await measureStage('limits', () =>
        this.keys.recordSubmission(actor.userId, idempotencyKey, recommendationId, requestHash),
      );
      if (first.requestHash !== requestHash) throw keyReused();
    }
    const workflowId = recommendationWorkflowId(recommendationId);
    const input: RecommendationWorkflowInput = {
      recommendationId,
      submission,
      submittedAt,
      requestId: actor.requestId ?? null,
      updatesPerRun: this.config.get('WORKFLOW_UPDATES_PER_RUN', { infer: true }),
      actionsPerItemPerDay: this.config.get('ACTIONS_PER_ITEM_PER_DAY', { infer: true }),
      ...lifecycleUnits,
      ...(routing ? { routing } : {}),
    };

    const startWorkflowOperation = new WithStartWorkflowOperation(RECOMMENDATION_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      memo: { requestHash },
    });
    const submitted = () =>
      this.temporal.workflow.executeUpdateWithStart(submitUpdate, { startWorkflowOperation });
    try {
      // The update answers once the item is routed in the read model, which cannot happen while
      // PostgreSQL is down. With a key a retry is safe, so the caller hears of the outage at once (503)
      // and the workflow routes the item when the database is back; without one a retry would be a
      // second item, so the request waits for its own.
      await measureStage('update', () =>
        idempotencyKey
          ? this.repository.whileDatabaseAnswers((signal) => this.temporal.withAbortSignal(signal, submitted))
          : submitted(),
      );
    } catch (err) {
      // A closed workflow with this id: the key was used before and the item has finished its life.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
    if (idempotencyKey && !recorded && existing) await this.assertSameRequest(workflowId, requestHash);
    if (dto.fromIssueId) await this.issueLinks.link(dto.fromIssueId, recommendationId);
    return measureStage('answer', () => this.get(actor, recommendationId));
  }

  /** One item as the actor sees it: state, tasks and the actions the actor may take now. */
  async get(actor: Actor, id: string) {
    // Three independent reads at once: the item (404 unless visible), its tasks and the calendar.
    const [row, tasks, countdowns] = await Promise.all([
      this.visibleRow(actor, id),
      this.repository.listTasks(id),
      this.countdowns.reading(),
    ]);
    const snapshot = this.snapshotOf(row, tasks);
    const [item] = countdowns.annotate([row], ITEM_DEADLINES);
    const waiting = waitingFor(
      { ...row, submittedByUserId: row.submittedBy, cadreInChargeUserId: row.cadreInCharge, tasks },
      actor,
    );
    return {
      ...item,
      tasks: countdowns.annotate(tasks as unknown as Record<string, unknown>[], ['dueAt']),
      allowedActions: allowedActions(snapshot, actor),
      // The caller's own step, with its countdown in working days as every other deadline has.
      waitingForYou: waiting
        ? countdowns.annotate([waiting as typeof waiting & Record<string, unknown>], ['dueAt'])[0]
        : null,
      temporalUiUrl: temporalUiLink(this.temporalUi(), actor.role, id),
    };
  }

  /** What the lifecycle needs to decide, as the read model shows the item now. */
  private snapshotOf(row: RecommendationView, tasks: TaskView[]): LifecycleSnapshot {
    return {
      status: row.status,
      submittedByUserId: row.submittedBy,
      cadreInChargeUserId: row.cadreInCharge,
      leadUnitId: row.leadUnitId,
      pendingCoordinationUnitIds: tasks
        .filter((t) => t.role === 'coordinating' && t.status === 'open')
        .map((t) => t.unitId),
      disputeCount: row.disputeCount,
      outcome: row.outcome,
      supervisingUnitId: row.supervisingUnitId,
      // The open extension task is the approver's, as the request named it.
      pendingExtension: row.extensionRequestedBy
        ? {
            requestedByUserId: row.extensionRequestedBy,
            approverUnitId: tasks.find((t) => t.role === 'extension' && t.status === 'open')?.unitId,
          }
        : null,
      reopenWindow: reopenWindowAt(
        {
          reopenUntil: row.reopenUntil,
          closedByDirective: row.closedByDirective,
          duplicateOfId: row.duplicateOfId,
        },
        Date.now(),
      ),
      reopenedCount: row.reopenedCount,
    };
  }

  private temporalUi() {
    return {
      baseUrl: this.config.get('TEMPORAL_UI_URL', { infer: true }),
      namespace: this.config.get('TEMPORAL_NAMESPACE', { infer: true }),
    };
  }

  /** One page of the items this actor may see, filtered and in the order asked. */
  async list(actor: Actor, query: ListRecommendationsQuery) {
    const { limit = 20, cursor, ...rest } = query;
    const { filter, sort, order } = this.listFilter(actor, rest);
    const after = cursor ? decodeCursor(cursor, sort, order) : null;
    const page = await this.repository.list(filter, { sort, order, after, limit }, actor);
    const tasks = await this.repository.openTasksOf(page.items.map((item) => item.id as string));
    const now = Date.now();
    const items = page.items.map(
      ({
        submittedBy,
        cadreInCharge: inCharge,
        verificationDueAt,
        reopenUntil,
        closedByDirective,
        duplicateOfId,
        ...item
      }) => ({
        ...item,
        // Until when the caller may reopen a closed item in their charge; null when they may not (any more).
        reopenUntil:
          cadreInCharge({
            submittedByUserId: submittedBy as string,
            cadreInChargeUserId: inCharge as string | null,
          }) === actor.userId &&
          item.status === 'closed' &&
          reopenWindowAt(
            {
              reopenUntil: reopenUntil as Date | null,
              closedByDirective: !!closedByDirective,
              duplicateOfId: duplicateOfId as string | null,
            },
            now,
          ) === 'open'
            ? reopenUntil
            : null,
        duplicateOfId,
        waitingForYou: waitingFor(
          {
            status: item.status as RecommendationStatus,
            submittedByUserId: submittedBy as string,
            cadreInChargeUserId: inCharge as string,
            feedbackDueAt: item.feedbackDueAt as Date | null,
            infoDueAt: item.infoDueAt as Date | null,
            verificationDueAt: verificationDueAt as Date | null,
            tasks: tasks.filter((t) => t.recommendationId === item.id),
          },
          actor,
        ),
      }),
    );
    const counted = await this.countdowns.annotate(items, LIST_DEADLINES);
    // One calendar read for the whole page: the waiting steps' countdowns, in the rows' order.
    const waiting = counted.flatMap((item) => (item.waitingForYou ? [item.waitingForYou] : []));
    const waitingCounted = await this.countdowns.annotate(waiting as unknown as Record<string, unknown>[], [
      'dueAt',
    ]);
    return {
      items: counted.map((item) => ({
        ...item,
        waitingForYou: item.waitingForYou ? waitingCounted[waiting.indexOf(item.waitingForYou)] : null,
      })),
      nextCursor: page.next ? encodeCursor({ sort, order, ...page.next }) : null,
    };
  }

  /**
   * Every item this actor may see under the filters, in the order asked, page after page of keyset
   * reads: each page is a short query, so a slow download holds no connection or transaction open.
   */
  async *listAll(actor: Actor, query: Omit<ListRecommendationsQuery, 'limit' | 'cursor'>) {
    const { filter, sort, order } = this.listFilter(actor, query);
    let after: { key: string; id: string } | null = null;
    do {
      const page = await this.repository.list(filter, { sort, order, after, limit: EXPORT_PAGE }, actor);
      yield page.items;
      after = page.next;
    } while (after);
  }

  /** The repository's filter from the query; refuses what cannot apply to this actor. */
  private listFilter(actor: Actor, query: Omit<ListRecommendationsQuery, 'limit' | 'cursor'>) {
    const { mine, handledByMyUnit, sort = 'submitted', order, ...filter } = query;
    if (handledByMyUnit && !actor.unitId) {
      throw invalidField(
        'handledByMyUnit',
        'list.needs-own-unit',
        'handledByMyUnit needs a user who belongs to a unit',
      );
    }
    if (filter.from && filter.to && filter.from > filter.to) {
      throw invalidField('to', 'range.end-before-start', 'to must not be before from');
    }
    return {
      filter: {
        ...filter,
        cadre: mine ? actor.userId : undefined,
        handledByUnitId: handledByMyUnit ? (actor.unitId ?? undefined) : undefined,
      },
      sort,
      order: order ?? DEFAULT_ORDER[sort],
    };
  }

  /** One page of the item's events in the order asked, and the cursor of the next page, if any. */
  async timeline(actor: Actor, id: string, query: TimelineQuery) {
    const { order = 'oldest', limit = TIMELINE_PAGE.default, cursor } = query;
    const after = cursor ? decodeTimelineCursor(cursor, order) : null;
    await this.visibleRow(actor, id);
    const rows = await this.repository.listEvents(id, { order, afterSeq: after?.seq ?? null, limit });
    const events = rows.slice(0, limit);
    const last = events[events.length - 1];
    return {
      events,
      nextCursor:
        rows.length > limit && last ? encodeTimelineCursor({ order, seq: last.seq as number }) : null,
    };
  }

  /** The item, or 404 when it does not exist or this actor may not see it: existence does not leak. */
  private async visibleRow(actor: Actor, id: string) {
    const row = await this.repository.findById(id, actor);
    if (!row) throw notFound('recommendation.not-found', `recommendation ${id} not found`);
    return row;
  }

  /**
   * A human action, sent as the Workflow Update of the same name. The workflow's validator decides with
   * the lifecycle rules; a refusal writes nothing and comes back as 403, 409, 422 or 429.
   *
   * With an Idempotency-Key the request is recorded first, the key becomes the Update's id, and the answer
   * is kept: a retry gets the first answer with its status, and the action is taken once. Without a key,
   * a retry is a second action.
   */
  async act(actor: Actor, id: string, idempotencyKey: string | undefined, input: ActionInput) {
    const key: ActionKey | null = idempotencyKey
      ? { userId: actor.userId, recommendationId: id, key: idempotencyKey }
      : null;
    const requestHash = sha256(canonicalJson(input));
    // The item is read and the request recorded at once, as one stage; the record's one statement says
    // whether this request made it. A request refused by the read or the checks after it keeps no record.
    const [read, claimed] = await measureStage('read', () =>
      Promise.allSettled([
        this.visibleRow(actor, id).then(async (visible) => {
          await this.checkActionUnits(input);
          return visible;
        }),
        key ? this.keys.claimAction(key, input.action, requestHash) : null,
      ]),
    );
    const claim = claimed.status === 'fulfilled' ? claimed.value : null;
    const refuse = async (err: unknown): Promise<never> => {
      if (key && claim?.fresh) await this.keys.releaseAction(key);
      throw err;
    };
    // The read's refusal comes first: for an item that does not exist, the record could not be made.
    if (read.status === 'rejected') return refuse(read.reason);
    if (claimed.status === 'rejected') throw claimed.reason;
    const row = read.value;
    if (input.action === 'directive') {
      const late = deadlineDateRefusal(input.dueDate, this.clock.today());
      if (late) return refuse(unprocessable(late.field!, late.rule, late.reason));
    }
    // Another request with this key got there first and has its answer, or had another body.
    if (claim && !claim.fresh && isSettled(claim.record, requestHash))
      return replayAnswer(claim.record, requestHash);
    // A key recorded without an answer: the first attempt was cut short (a 503, a lost connection). The
    // same Update is sent again, and Temporal answers it from its record if the first one got there.
    if (!claim || claim.fresh) {
      // Counted before it is sent, and once per key: a retry of a request already made is not another.
      // A request over the cap leaves no record: a later retry is taken afresh.
      await measureStage('limits', () => this.rates.takeAction(actor.userId)).catch(refuse);
    }
    const update = () =>
      this.temporal.workflow.getHandle(row.workflowId).executeUpdate(actionUpdates[input.action], {
        args: [
          {
            actor: { userId: actor.userId, role: actor.role, unitId: actor.unitId },
            input,
            requestId: actor.requestId ?? null,
          },
        ],
        ...(key ? { updateId: actionUpdateId(key) } : {}),
      });
    try {
      // The Update answers once the read model shows the action, which cannot happen while PostgreSQL is
      // down. With a key a retry is safe, so the caller hears of the outage at once (503) and the same
      // Update is answered when it retries; without one a retry would be a second action, so it waits.
      await measureStage('update', () =>
        key
          ? this.repository.whileDatabaseAnswers((signal) => this.temporal.withAbortSignal(signal, update))
          : update(),
      );
    } catch (err) {
      const refusal =
        err instanceof WorkflowNotFoundError
          ? await this.refusalOfFinished(actor, row, input)
          : this.refusalToHttp(err);
      if (!key || !(refusal instanceof HttpException)) throw refusal;
      // A cap says "not now": the key stays free for the retry. Any other refusal is the answer.
      if (refusal instanceof RetryLaterException) {
        await this.keys.releaseAction(key);
        throw refusal;
      }
      return replayAnswer(
        await this.keys.answerAction(key, refusal.getStatus(), refusal.getResponse()),
        requestHash,
      );
    }
    const answer = await measureStage('answer', () => this.get(actor, id));
    if (!key) return answer;
    // Kept for a retry of this request: Server-Timing shows it as its own stage.
    return replayAnswer(
      await measureStage('keep', () => this.keys.answerAction(key, 200, answer)),
      requestHash,
    );
  }

  /**
   * The workflow has finished (a closed item, its reopening window past or never open): the read model is
   * all there is, and the lifecycle's rules answer from it, as the workflow's validator would have.
   */
  private async refusalOfFinished(actor: Actor, row: RecommendationView, input: ActionInput) {
    const status = row.status;
    const snapshot = this.snapshotOf(row, await this.repository.listTasks(row.id));
    const refusal: Refusal = checkInput(snapshot, actor, input) ?? {
      code: 'wrong-state',
      rule: 'lifecycle.not-allowed-in-state',
      reason: `the item is ${status}`,
      params: { action: input.action, status },
    };
    const details: Partial<RefusalDetails> = {
      ...refusal,
      status,
      allowedActions: allowedActions(snapshot, actor),
    };
    return refusalAsHttp(refusal.code, refusal.reason, details);
  }

  /** A refused action as HTTP: the status says what kind, the code which rule, the body what to do instead. */
  private refusalToHttp(err: unknown): unknown {
    const cause = err instanceof WorkflowUpdateFailedError ? err.cause : undefined;
    if (!(cause instanceof ApplicationFailure)) return err;
    const details = (cause.details?.[0] ?? {}) as Partial<RefusalDetails>;
    return refusalAsHttp(cause.type ?? '', cause.message, details);
  }

  /** Units named in an action (its catalogue's unit fields) must exist; the workflow cannot look them up. */
  private async checkActionUnits(input: ActionInput): Promise<void> {
    const named: [string, string | null | undefined][] = [];
    const fields: Readonly<Record<string, FieldSpec>> = ACTION_CATALOGUE[input.action].input;
    for (const [name, field] of Object.entries(fields)) {
      const value = (input as Record<string, unknown>)[name];
      if (field.type === 'unit') named.push([name, value as string | null | undefined]);
      if (field.type === 'units')
        ((value ?? []) as string[]).forEach((u, i) => named.push([`${name}.${i}`, u]));
    }
    for (const [field, unitId] of named) {
      if (!unitId) continue;
      const unit = await this.repository.findUnit(unitId);
      if (!unit) throw unprocessable(field, 'reference.unknown-unit', 'unknown unit');
      assertInForce(field, unit, this.clock.today());
      if (unit.kind === 'commune' || unit.kind === 'province') {
        throw unprocessable(
          field,
          'reference.unit-cannot-lead',
          `a ${unit.kind} cannot take a provincial recommendation`,
        );
      }
    }
  }

  /** Before keys were recorded, a submission's request hash was kept in its workflow's memo only. */
  private async assertSameRequest(workflowId: string, requestHash: string): Promise<void> {
    try {
      const description = await this.temporal.workflow.getHandle(workflowId).describe();
      if (description.memo?.requestHash !== requestHash) throw keyReused();
    } catch (err) {
      // Past retention there is nothing left to compare with: the caller's own key finds its own item.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  private async checkReferences(dto: CreateRecommendationDto): Promise<void> {
    const { categoryKnown, units } = await this.repository.submissionReferences(dto.categoryCode, [
      dto.localityUnitId,
      dto.suggestedUnitId,
    ]);
    if (!categoryKnown) {
      throw unprocessable(
        'categoryCode',
        'reference.unknown-category',
        `unknown category "${dto.categoryCode}"`,
      );
    }
    const locality = units.get(dto.localityUnitId);
    if (!locality) throw unprocessable('localityUnitId', 'reference.unknown-unit', 'unknown unit');
    if (!LOCALITY_KINDS.includes(locality.kind)) {
      throw unprocessable(
        'localityUnitId',
        'reference.locality-kind',
        `must be a commune or district, not a ${locality.kind}`,
      );
    }
    const today = this.clock.today();
    assertInForce('localityUnitId', locality, today);
    if (dto.suggestedUnitId) {
      const suggested = units.get(dto.suggestedUnitId);
      if (!suggested) throw unprocessable('suggestedUnitId', 'reference.unknown-unit', 'unknown unit');
      assertInForce('suggestedUnitId', suggested, today);
    }
  }
}

const HTTP_ERRORS: Record<number, string> = {
  403: 'Forbidden',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
};

/** The Update id of an action sent with a key: the same for every retry, and for no other request. */
function actionUpdateId({ userId, recommendationId, key }: ActionKey): string {
  return `action-${sha256(`${userId}\u0000${recommendationId}\u0000${key}`)}`;
}

/** A key whose request is answered, or was another request: nothing is sent for it. */
function isSettled(record: ActionRecord, requestHash: string): boolean {
  return record.requestHash !== requestHash || record.statusCode !== null;
}

/** The first answer to a key, as it was given; the same key with another request is refused. */
function replayAnswer(record: ActionRecord, requestHash: string): Record<string, unknown> {
  if (record.requestHash !== requestHash) throw keyReused();
  const { statusCode, answer } = record;
  if (statusCode === null || answer === null) throw new Error('replayAnswer: the request has no answer yet');
  if (statusCode >= 400) throw new HttpException(answer, statusCode);
  return answer;
}

function keyReused() {
  return unprocessable(
    'Idempotency-Key',
    'idempotency.key-reused',
    'already used with a different request body',
    'this Idempotency-Key was already used with a different request body',
  );
}

/** A refusal of the lifecycle's kind (the failure's type) as the HTTP exception of that kind. */
function refusalAsHttp(kind: string, message: string, details: Partial<RefusalDetails>): HttpException {
  switch (kind) {
    case 'rate-limited':
      return new RetryLaterException(
        refusalBody(429, message, details),
        Number(details.params?.retryAfterSeconds ?? 60),
      );
    case 'wrong-state':
      return new ConflictException(refusalBody(409, message, details));
    case 'not-allowed':
      return new ForbiddenException(refusalBody(403, message, details));
    case 'invalid':
      return new UnprocessableEntityException(refusalBody(422, message, details));
    default:
      return new HttpException(refusalBody(500, message, details), 500);
  }
}

function refusalBody(statusCode: number, message: string, details: Partial<RefusalDetails>) {
  // A workflow running code from before rule codes existed sends none: its kind of refusal stands in.
  const code = details.rule ?? codeForStatus(statusCode);
  return {
    statusCode,
    error: HTTP_ERRORS[statusCode],
    message,
    code,
    ...(details.params ? { params: details.params } : {}),
    status: details.status,
    allowedActions: details.allowedActions ?? [],
    ...(details.field
      ? {
          errors: [
            {
              field: details.field,
              code,
              reason: message,
              ...(details.params ? { params: details.params } : {}),
            },
          ],
        }
      : {}),
  };
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
