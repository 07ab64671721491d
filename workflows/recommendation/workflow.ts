import {
  allHandlersFinished,
  condition,
  continueAsNew,
  currentUpdateInfo,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import {
  ACTIONS,
  actionsOnDay,
  checkInput,
  checkRequest,
  countAction,
  DEFAULT_ACTIONS_PER_ITEM_PER_DAY,
  handOverRefusal,
  rulingRefusal,
  secondsUntilNextDay,
  type RoutingDecision,
} from '@ngk/domain';
import type { DeadlinePlan } from '@ngk/activities/sla.activities';
import {
  actionUpdates,
  duplicateMergedSignal,
  getStateQuery,
  handOverUpdate,
  reorganizeUpdate,
  scRulingUpdate,
  SEARCH_ATTRIBUTES,
  submitUpdate,
  type ActionRequest,
  type HandOverRequest,
  type RecommendationWorkflowInput,
  type UpdateOutcome,
} from '@ngk/definitions';
import { db } from './activities';
import { apply } from './actions';
import { noteMergedDuplicate } from './actions/duplicate';
import { reorganize } from './actions/reorganize';
import { applyScRuling } from './actions/ruling';
import { routeTo } from './actions/routing';
import { handOver } from './handover';
import { Item } from './item';
import { RECOMMENDATION_2026_12, RECOMMENDATION_2026_12_04, RECOMMENDATION_2026_12_06 } from './patches';
import type { EventDraft } from './projector';
import { RecentUpdates } from './recent-updates';
import { fire } from './timers';

/** Sequence number of the routing event: submitted is 1, routed (or sent to triage) is 2. */
const ROUTED_SEQ = 2;

/** Patch id: a run continues as new before Temporal's per-run limits, carrying the item. */
const CONTINUE_AS_NEW = 'continue-as-new';

/** Patch id: a closed item stays open to reopening for its policy's window (see Item.state.reopenable). */
const REOPEN_WINDOW = 'reopen-window';

/**
 * Patch id: a submission's routing rule and first deadlines come from one local activity, and the
 * submitted and routed events go to the read model in one projection: the first workflow task waited on
 * four database calls in a row, now two.
 */
const ROUTED_WITH_SUBMISSION = 'routed-with-submission';

/**
 * Patch id: the timer waiting for the next reminder or deadline is cancelled only for a sooner one. An
 * acknowledgement stops its deadline and leaves the later resolution deadline next: its workflow task,
 * which a person waits on, cancelled one timer and started another. The earlier timer now fires, finds
 * nothing due (fire() checks that its clock still runs and still waits for that instant), and the loop
 * waits for what is next: one more workflow task later, off the person's path.
 */
const TIMER_KEPT_WHEN_LATER = 'timer-kept-when-later';

/**
 * Patch id: a submission's routing and first deadlines come in the workflow's input, computed by the API
 * before it started the item, where the first workflow task looked them up with a local activity of its
 * own. The first task then runs one local activity, its projection, and one activation less. A run whose
 * input has none (started by an API from before) still looks them up.
 */
const ROUTING_IN_INPUT = 'routing-in-input';

/** Updates a run takes before it continues as new, for items started without a setting of their own. */
const UPDATES_PER_RUN = 500;

/** One recommendation, from submission to closure (PRODUCT.md, "The lifecycle of one recommendation"). */
export async function recommendationWorkflow(input: RecommendationWorkflowInput): Promise<void> {
  const item = new Item(input);
  const { state, clocks, projector, turns } = item;
  const { submission } = input;
  const updatesPerRun = input.updatesPerRun ?? UPDATES_PER_RUN;
  const actionsPerDay = input.actionsPerItemPerDay ?? DEFAULT_ACTIONS_PER_ITEM_PER_DAY;
  const recent = new RecentUpdates(input.carried?.recentUpdateIds);
  let updates = 0;
  /** This run has taken enough: the item goes on in a new run, with a fresh history. */
  const runIsFull = () => updates >= updatesPerRun || workflowInfo().continueAsNewSuggested;
  // Items started since reopening exists stay open to it for a while after they close; items started
  // before end when they close, as they did (patched() is false while replaying them, from their start).
  if (!input.carried) state.reopenable = item.patches.has(REOPEN_WINDOW);
  /** The item's life is over: closed, and no reopening window runs. */
  const ended = () => state.status === 'closed' && !clocks.find('reopen');

  /**
   * Takes a person's or a handover's Update once per Update id, in turn, and answers once the read model
   * shows it: a retry of one an earlier run took is answered with the item as it is, not taken again.
   */
  const takeOnce = async (work: () => Promise<void>) => {
    const updateId = currentUpdateInfo()?.id;
    if (!recent.has(updateId)) {
      updates++;
      await turns.run(async () => {
        await work();
        recent.add(updateId);
      });
    }
    await projector.projected(state.lastEventSeq);
    return state;
  };
  /** The answer of a submission, an action or a handover: the caller reads the rest from the read model. */
  const outcome = (): UpdateOutcome => ({ status: state.status, lastEventSeq: state.lastEventSeq });
  setHandler(getStateQuery, () => state);
  setHandler(submitUpdate, async () => {
    await projector.projected(ROUTED_SEQ);
    return outcome();
  });
  for (const action of ACTIONS) {
    setHandler(
      actionUpdates[action],
      async (request: ActionRequest) => {
        await takeOnce(async () => {
          // Checked again in turn: an earlier action may have changed the item since validation.
          const refusal = checkInput(item.snapshot(), request.actor, request.input);
          if (refusal) item.refuse(refusal, request.actor);
          await apply(item, request.actor, request.input, request.requestId ?? null);
          state.actionDay = countAction(state.actionDay, Date.now());
        });
        return outcome();
      },
      {
        // Refused before anything reaches history: the caller learns why, nothing is written.
        validator: (request: ActionRequest) => {
          if (request.input?.action !== action)
            item.refuse({
              code: 'invalid',
              rule: 'lifecycle.action-mismatch',
              field: 'action',
              reason: 'action mismatch',
            });
          // A retry of an Update an earlier run took is answered, whatever the item has become since.
          if (recent.has(currentUpdateInfo()?.id)) return;
          // The request's own rules too (requestRefusal): checked here only, as validators never replay.
          const refusal = checkRequest(item.snapshot(), request.actor, request.input);
          if (refusal) item.refuse(refusal, request.actor);
          // A busy item takes so many actions a day.
          if (actionsOnDay(state.actionDay, Date.now()) >= actionsPerDay)
            item.refuse(
              {
                code: 'rate-limited',
                rule: 'pace.item-daily-limit',
                reason: `this item has taken ${actionsPerDay} actions today: retry tomorrow`,
                params: { limit: actionsPerDay, retryAfterSeconds: secondsUntilNextDay(Date.now()) },
              },
              request.actor,
            );
        },
      },
    );
  }

  // A reassignment of the commune hands the item to its new cadre: a system step, outside the daily cap.
  setHandler(
    handOverUpdate,
    // Checked again in turn (handOver refuses): an action may have moved the item since validation.
    async (request: HandOverRequest) => {
      await takeOnce(() => handOver(item, request));
      return outcome();
    },
    {
      validator: (request: HandOverRequest) => {
        if (recent.has(currentUpdateInfo()?.id)) return;
        const refusal = handOverRefusal(state, request.fromUserId, request.toUserId);
        if (refusal) item.refuse(refusal);
      },
    },
  );
  // The Standing Committee's ruling at a meeting, sent by the meeting's run: no daily cap applies.
  setHandler(scRulingUpdate, (request) => takeOnce(() => applyScRuling(item, request)), {
    validator: (request) => {
      if (recent.has(currentUpdateInfo()?.id)) return;
      const refusal = rulingRefusal(item.snapshot(), request.ruling);
      if (refusal) item.refuse(refusal);
    },
  });
  // A reorganization's order, sent by its run rather than a person: no lifecycle rule or daily cap applies.
  setHandler(reorganizeUpdate, async (request) => {
    const updateId = currentUpdateInfo()?.id;
    // Only an order that moved the item is remembered, so one retried into the next run was a move.
    let moved = recent.has(updateId);
    if (!moved) {
      updates++;
      await turns.run(async () => {
        moved = await reorganize(item, request);
        if (moved) recent.add(updateId);
      });
    }
    await projector.projected(state.lastEventSeq);
    return { moved, leadUnitId: state.leadUnitId, seq: state.lastEventSeq };
  });

  // A duplicate's workflow tells this one it merged into it: the timeline notes it, nothing else changes.
  setHandler(duplicateMergedSignal, (merged) => noteMergedDuplicate(item, merged));

  // A run that continued as new finds the item submitted and routed already.
  if (!input.carried) {
    const submitted: EventDraft = {
      type: 'submitted',
      actorUserId: submission.submittedByUserId,
      actorUnitId: null,
      actorRole: 'cadre',
      requestId: input.requestId ?? null,
      reason: null,
      payload: {},
      create: { workflowId: workflowInfo().workflowId, submission, submittedAt: input.submittedAt },
    };
    const lookup = { categoryCode: submission.categoryCode, localityUnitId: submission.localityUnitId };
    /** 2. Routed by rule (category × locality); no rule → the triage office routes it by hand. */
    const decided = (decision: RoutingDecision | null) => {
      projector.upsert([{ key: SEARCH_ATTRIBUTES.category, value: submission.categoryCode }]);
      state.policyCode = decision?.slaPolicyCode ?? null;
    };
    const route = (decision: RoutingDecision | null, plan?: DeadlinePlan) => {
      const base = { actorUserId: null, actorUnitId: null, payload: { ruleId: decision?.ruleId ?? null } };
      return decision
        ? routeTo(item, {
            leadUnitId: decision.leadUnitId,
            coordinatingUnitIds: decision.coordinatingUnitIds,
            type: 'routed',
            base,
            reason: null,
            plan,
          })
        : routeTo(item, {
            leadUnitId: input.triageUnitId,
            coordinatingUnitIds: [],
            type: 'sent-to-triage',
            base,
            reason: 'no routing rule matches this category and locality',
            status: 'triage',
            plan,
          });
    };
    if (item.patches.has(ROUTED_WITH_SUBMISSION)) {
      // 1 and 2 in one turn: the rule and its deadlines from one local activity, then both events in one
      // projection. Since RECOMMENDATION_2026_12, with one upsert of the search attributes as routed, where
      // the submission, its category and its routing each sent their own.
      await turns.run(() =>
        projector.together(
          async () => {
            void item.record('submitted', submitted);
            const routing =
              input.routing && item.patches.has(ROUTING_IN_INPUT, RECOMMENDATION_2026_12_06)
                ? input.routing
                : await db.routeSubmission({
                    ...lookup,
                    urgency: submission.urgency,
                    triageUnitId: input.triageUnitId,
                    from: item.now(),
                  });
            decided(routing.decision);
            await route(routing.decision, routing.plan);
          },
          { oneIndex: item.patches.from(RECOMMENDATION_2026_12) },
        ),
      );
    } else {
      // Items started before that: the submitted event projected, then the rule and the deadlines each
      // looked up in turn.
      await item.record('submitted', submitted);
      const decision = await db.findRouting(lookup);
      decided(decision);
      await turns.run(() => route(decision));
    }
  }

  // 3–8: people act through the update handlers; the workflow keeps the time: reminders, deadlines,
  // escalation, the feedback window, the plan date and the reopening window.
  while (!ended()) {
    // Items started before this rule replay without it (patched() is false only while replaying them).
    if (runIsFull() && item.patches.has(CONTINUE_AS_NEW)) {
      // Every accepted Update answered and every event projected and mailed first: nothing is lost
      // across the boundary, and the next run starts from a state the read model already shows.
      do {
        await condition(allHandlersFinished);
        await projector.projections;
        await projector.emails;
      } while (!allHandlersFinished());
      // The first routing stays with the first run: the next one starts routed.
      const { routing: _firstRouting, ...carriedInput } = input;
      return continueAsNew<typeof recommendationWorkflow>({
        ...carriedInput,
        carried: { ...item.carry(), recentUpdateIds: recent.carry() },
      });
    }
    const point = clocks.next();
    // Items started before this rule replay without it (patched() is false only while replaying them).
    const moved =
      point !== null && item.patches.has(TIMER_KEPT_WHEN_LATER, RECOMMENDATION_2026_12_04)
        ? clocks.watchSooner(point)
        : clocks.watch();
    const changed = () => moved() || ended() || runIsFull();
    if (point === null) {
      await condition(changed);
      continue;
    }
    const wait = Date.parse(point.at) - Date.now();
    if (wait > 0 && (await condition(changed, wait))) continue;
    await turns.run(() => fire(item, point));
  }
  await condition(allHandlersFinished);
  await projector.projections;
  await projector.emails;
}
