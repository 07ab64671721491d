import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, date, vnd } from '../format.js';
import { hasText, label, nameOf, t } from '../i18n.js';
import { rerender } from '../router.js';
import { referenceData } from '../refdata.js';
import { describeError, withProgress } from '../forms.js';
import { flash, homeFor } from '../shell.js';
import { latestEvent, timelinePage } from '../timeline-pages.js';
import { actionForms } from './actions.js';
import { duplicatesCard, mergeText } from './item-duplicates.js';
import { cell, deadline, overdueBadge, statusBadge, unitName, waitingBadge } from './lists.js';

/** Notes the workflow writes itself, in English, with the words the reader sees instead. */
const SYSTEM_NOTES = {
  'escalated to the Standing Committee': 'taskNote.escalated',
  'the task it was for ended': 'taskNote.ended',
};

/**
 * A task's note in the reader's language: a person's words as written; the workflow's own notes (an
 * escalation, a decision on an extension, the event that closed the task) by their meaning.
 */
function taskNote(note) {
  if (!note) return '';
  if (SYSTEM_NOTES[note]) return t(SYSTEM_NOTES[note]);
  const decided = /^(approve|refuse): ?(.*)$/s.exec(note);
  if (decided)
    return decided[2] ? `${label('decision', decided[1])}: ${decided[2]}` : label('decision', decided[1]);
  return hasText(`event.${note}`) ? label('event', note) : note;
}

/** Each deadline, and the statuses in which it is still running. */
const DEADLINES = [
  ['acknowledgeDueAt', ['routed']],
  ['resolutionDueAt', ['routed', 'in-progress', 'awaiting-info']],
  ['feedbackDueAt', ['resolved']],
  ['verificationDueAt', ['planned', 'awaiting-verification']],
  ['directiveDueAt', ['standing-committee-review']],
  // The cadre's time to answer the unit's question; the calendar days in which a closed item may reopen.
  ['infoDueAt', ['awaiting-info']],
  ['reopenUntil', ['closed']],
];

/** Events shown at first and added by each "Show more". */
const TIMELINE_PAGE = 50;

/** Payload fields worth showing in the timeline, and how. */
const EVENT_DETAILS = [
  ['note', 'field.note'],
  ['opinion', 'field.opinion'],
  ['question', 'field.question'],
  ['infoDueAt', 'field.infoDueAt', (v) => dateTime(v)],
  ['answer', 'field.answer'],
  ['response', 'field.response'],
  ['outcome', 'field.outcome', (v) => label('outcome', v)],
  ['planDate', 'field.planDate', (v) => date(v)],
  ['budgetYear', 'field.budgetYear'],
  ['workingDays', 'field.workingDays'],
  ['decision', 'field.decision', (v) => label('decision', v)],
];

function entry(term, ...value) {
  return [h('dt', {}, term), h('dd', {}, ...value)];
}

function paragraphs(text) {
  return h('p', { class: 'prose' }, text ?? '');
}

function details(item, refs) {
  const category = refs.categoryByCode.get(item.categoryCode);
  const locality = refs.unitById.get(item.localityUnitId);
  return h(
    'dl',
    { class: 'facts', 'data-testid': 'item-facts' },
    entry(t('item.category'), category ? nameOf(category) : item.categoryCode),
    entry(t('item.locality'), unitWithEnd(refs, locality)),
    entry(t('item.urgency'), label('urgency', item.urgency)),
    entry(t('item.submittedAt'), dateTime(item.createdAt)),
    item.costEstimateVnd ? entry(t('item.cost'), vnd(item.costEstimateVnd)) : null,
    item.legalReferences?.length ? entry(t('item.legal'), item.legalReferences.join('; ')) : null,
    item.attachments?.length
      ? entry(
          t('item.attachments'),
          h(
            'ul',
            { class: 'plain' },
            item.attachments.map((a) =>
              h(
                'li',
                {},
                /^https?:\/\//i.test(a.url)
                  ? h('a', { href: a.url, target: '_blank', rel: 'noopener noreferrer' }, a.name)
                  : a.name,
              ),
            ),
          ),
        )
      : null,
    entry(
      t('item.leadUnit'),
      h('span', { 'data-testid': 'item-lead-unit' }, unitWithEnd(refs, item.leadUnit)),
    ),
    item.coordinatingUnits?.length
      ? entry(t('item.coordinating'), item.coordinatingUnits.map((u) => unitWithEnd(refs, u)).join('; '))
      : null,
    item.outcome
      ? entry(t('item.outcome'), h('span', { 'data-testid': 'item-outcome' }, label('outcome', item.outcome)))
      : null,
    item.response ? entry(t('item.response'), paragraphs(item.response)) : null,
    item.planDate
      ? entry(t('item.plan'), t('item.planValue', { date: date(item.planDate), year: item.budgetYear ?? '' }))
      : null,
    item.escalationLevel ? entry(t('item.escalation'), t('event.level', { n: item.escalationLevel })) : null,
    item.disputeCount ? entry(t('item.disputes'), String(item.disputeCount)) : null,
    item.reopenedCount ? entry(t('item.reopenedCount'), String(item.reopenedCount)) : null,
    item.closedAt ? entry(t('item.closedAt'), dateTime(item.closedAt)) : null,
  );
}

/** A unit that has ended by the server's today (the 2025 reorganization ended many): else null. */
function endedUnit(refs, id) {
  const unit = id ? refs.unitById.get(id) : null;
  return unit?.validTo && unit.validTo < refs.today ? unit : null;
}

/** A unit's name, marked with its last day when it has ended. */
function unitWithEnd(refs, unit) {
  const ended = unit ? endedUnit(refs, unit.id) : null;
  if (!unit) return t('app.none');
  return ended ? `${nameOf(unit)} ${t('item.unitEnded', { date: date(ended.validTo) })}` : nameOf(unit);
}

/**
 * An open item still held by a unit that has ended waits for an admin, who names the unit that takes it
 * over: the page says so, rather than leaving the reader to wonder why nothing moves.
 */
function endedUnitsBanner(item, refs) {
  if (item.status === 'closed') return null;
  const lead = endedUnit(refs, item.leadUnitId);
  const coordinating = (item.coordinatingUnits ?? []).filter((u) => endedUnit(refs, u.id));
  if (!lead && !coordinating.length) return null;
  return h(
    'p',
    { class: 'banner banner-warning', role: 'status', 'data-testid': 'item-ended-units' },
    lead
      ? t('item.leadEnded', { unit: nameOf(lead), date: date(lead.validTo) })
      : t('item.coordinatingEnded', { units: coordinating.map(nameOf).join('; ') }),
  );
}

function deadlines(item) {
  const paused = !!item.clockPausedAt;
  // A reopening window that has passed is no longer anything to the reader.
  const shown = ([key]) =>
    item[key] && (key !== 'reopenUntil' || (item.status === 'closed' && Date.parse(item[key]) > Date.now()));
  const rows = DEADLINES.filter(shown).map(([key, running]) =>
    entry(
      t(`item.${key}`),
      deadline(item[key], {
        open: running.includes(item.status),
        // Only the resolution clock pauses while the unit waits for the cadre.
        paused: paused && key === 'resolutionDueAt',
        workingDays: item.workingDaysLeft?.[key],
      }),
    ),
  );
  return [
    h(
      'dl',
      { class: 'facts', 'data-testid': 'item-deadlines' },
      rows,
      paused ? entry(t('item.clockPausedAt'), dateTime(item.clockPausedAt)) : null,
      item.extensionRequestedBy ? entry(t('item.pendingExtension'), t('app.yes')) : null,
    ),
    h('p', { class: 'hint', 'data-testid': 'working-days-rule' }, t('item.workingDaysRule')),
  ];
}

function tasks(item, refs) {
  if (!item.tasks?.length) return h('p', { class: 'muted' }, t('app.empty'));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'cards tasks', 'data-testid': 'item-tasks' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['col.unit', 'col.task', 'col.taskStatus', 'col.due', 'col.closedAt', 'col.note'].map((k) =>
            h('th', { scope: 'col' }, t(k)),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        item.tasks.map((task) =>
          h(
            'tr',
            {
              class: task.overdue && task.status === 'open' ? 'row-overdue' : null,
              'data-task-role': task.role,
              'data-task-status': task.status,
            },
            cell(null, unitName(refs, task.unitId, task.unitNameVi)),
            cell('col.task', label('taskRole', task.role)),
            cell('col.taskStatus', label('taskStatus', task.status)),
            cell(
              'col.due',
              deadline(task.dueAt, {
                open: task.status === 'open',
                // The lead task's clock stops while the unit waits for the cadre.
                paused: !!item.clockPausedAt && task.role === 'lead',
                workingDays: task.workingDaysLeft?.dueAt,
              }),
            ),
            cell('col.closedAt', task.closedAt ? dateTime(task.closedAt) : t('app.none')),
            cell('col.note', taskNote(task.note)),
          ),
        ),
      ),
    ),
  );
}

/** Who acted: their name and unit (the unit the event names, else the person's own), or the system. */
function actor(event) {
  if (!event.actorDisplayName && !event.actorUsername) return t('item.system');
  const name = event.actorDisplayName || event.actorUsername;
  return event.actorUnit ? t('item.actorInUnit', { name, unit: nameOf(event.actorUnit) }) : name;
}

/**
 * What the event says, each text once: the payload's named fields (a note, a question, an opinion…),
 * then the reason unless one of them already said it (an acknowledgement's note is also its reason).
 */
function eventTexts(event) {
  const payload = event.payload ?? {};
  const lines = EVENT_DETAILS.filter(
    ([key]) => payload[key] !== undefined && payload[key] !== null && payload[key] !== '',
  ).map(([key, labelKey, show]) => [
    t(labelKey),
    show ? show(payload[key]) : String(payload[key]),
    payload[key],
  ]);
  const said = new Set(lines.map(([, , raw]) => String(raw).trim()));
  // A merge says its reason in its own sentence.
  const merge = mergeText(event);
  if (merge) said.add(event.reason?.trim());
  // People's reasons are theirs to read; the system's are English notes for operators, and its events
  // say which deadline they concern instead.
  const person = !!event.actorUserId;
  // A Standing Committee meeting's ruling reads as its conclusion, naming the meeting's day.
  if (payload.meeting)
    return [
      h(
        'p',
        { class: 'prose', 'data-testid': 'event-meeting-ruling' },
        t('event.meetingRuling', { date: payload.meeting.dateLabel, text: event.reason ?? '' }),
      ),
    ];
  if (person && event.reason && !said.has(event.reason.trim()))
    lines.unshift([t('field.reason'), event.reason]);
  if (!person && payload.clock) {
    const due = payload.dueAt ? ` (${dateTime(payload.dueAt)})` : '';
    lines.unshift([t('item.clock'), `${label('clock', payload.clock)}${due}`]);
  }
  return [
    merge ? h('p', { class: 'prose', 'data-testid': 'event-text' }, merge) : null,
    ...lines.map(([term, text]) =>
      h('p', { class: 'prose', 'data-testid': 'event-text' }, `${term}: ${text}`),
    ),
  ];
}

/**
 * A reorganization's move in the reader's language, from the units it names: the decision's number and
 * date as the run recorded them ("<number> ngày dd/mm/yyyy"), each ended unit and its successor.
 */
function reorganizedTexts(event, refs) {
  const { decision = '', moves = {} } = event.payload ?? {};
  const [, number = decision, day = ''] = /^(.*) ngày (\d{2}\/\d{2}\/\d{4})$/.exec(decision) ?? [];
  const name = (id) => unitName(refs, id);
  return Object.entries(moves).map(([from, to]) =>
    h(
      'p',
      { class: 'prose', 'data-testid': 'event-text' },
      t('event.reorganizedMove', { decision: number, day, from: name(from), to: name(to) }),
    ),
  );
}

function eventItem(event, refs) {
  const payload = event.payload ?? {};
  return h(
    'li',
    { 'data-testid': 'event', 'data-type': event.type },
    h('time', { datetime: event.occurredAt }, dateTime(event.occurredAt)),
    h(
      'div',
      {},
      h('strong', {}, label('event', event.type)),
      payload.level ? ` · ${t('event.level', { n: payload.level })}` : null,
      ' ',
      h('span', { class: 'muted', 'data-testid': 'event-actor' }, t('item.by', { who: actor(event) })),
      event.toUnit
        ? h(
            'p',
            { class: 'handover', 'data-testid': 'event-to-unit' },
            t('item.toUnit', { unit: nameOf(event.toUnit) }),
          )
        : null,
      event.statusBefore !== event.statusAfter && event.statusAfter
        ? h(
            'div',
            { class: 'status-change' },
            event.statusBefore ? statusBadge(event.statusBefore) : null,
            event.statusBefore ? ' → ' : null,
            statusBadge(event.statusAfter),
          )
        : null,
      event.type === 'reorganized' ? reorganizedTexts(event, refs) : eventTexts(event),
    ),
  );
}

/**
 * The item's events a page at a time, oldest first: an item may have thousands, so the first page shows
 * and "Show more" appends the next.
 */
function pagedTimeline(id, first, refs) {
  const show = (event) => eventItem(event, refs);
  const list = h('ol', { class: 'timeline', 'data-testid': 'timeline' }, first.events.map(show));
  const more = h(
    'button',
    { type: 'button', class: 'button-quiet', 'data-testid': 'timeline-more', hidden: !first.nextCursor },
    t('item.moreEvents'),
  );
  const failure = h('p', { class: 'banner banner-error', role: 'alert', hidden: true });
  let cursor = first.nextCursor;
  more.addEventListener('click', () =>
    withProgress(more, async () => {
      try {
        const page = await timelinePage(id, { limit: TIMELINE_PAGE, cursor });
        list.append(...page.events.map(show));
        cursor = page.nextCursor;
        more.hidden = !cursor;
        failure.hidden = true;
      } catch (err) {
        replace(failure, describeError(err));
        failure.hidden = false;
      }
    }),
  );
  return h('div', {}, list, failure, more);
}

/** The question the unit asked last, while the cadre is to answer it. */
async function openQuestion(item) {
  if (item.status !== 'awaiting-info') return null;
  const asked = await latestEvent(item.id, (e) => e.type === 'info-requested');
  return asked
    ? { text: asked.payload?.question ?? asked.reason, by: actor(asked), at: asked.occurredAt }
    : null;
}

/** One recommendation: its state, deadlines, tasks and timeline, and a form for each allowed action. */
export async function itemScreen(container, { params, user }) {
  const id = encodeURIComponent(params.id);
  const [item, first, refs, around] = await Promise.all([
    api(`/api/recommendations/${id}`),
    timelinePage(params.id, { limit: TIMELINE_PAGE }),
    referenceData(),
    api(`/api/recommendations/${id}/duplicates`),
  ]);
  const question = await openQuestion(item);
  const done = (action) => {
    flash(t('item.done', { action: label('action', action) }));
    rerender();
  };
  replace(
    container,
    h('p', {}, h('a', { href: homeFor(user), class: 'back' }, t('item.back'))),
    h(
      'header',
      { class: 'item-head' },
      h('p', { class: 'ref', 'data-testid': 'item-reference' }, item.reference),
      h('h1', { 'data-testid': 'item-title' }, item.title),
      h(
        'p',
        { class: 'badges' },
        h('span', { 'data-testid': 'item-status', 'data-status': item.status }, statusBadge(item.status)),
        item.overdue ? overdueBadge() : null,
        item.urgency === 'urgent'
          ? h('span', { class: 'badge badge-urgent' }, label('urgency', 'urgent'))
          : null,
        waitingBadge(item.waitingForYou),
      ),
      endedUnitsBanner(item, refs),
      // Given to admins only, when the deployment names its Temporal Web UI.
      item.temporalUiUrl
        ? h(
            'p',
            {},
            h(
              'a',
              {
                href: item.temporalUiUrl,
                target: '_blank',
                rel: 'noopener noreferrer',
                'data-testid': 'item-temporal-ui',
              },
              t('item.temporalUi'),
            ),
          )
        : null,
    ),
    h(
      'div',
      { class: 'item-grid' },
      h(
        'div',
        {},
        h(
          'section',
          { class: 'card' },
          h('h2', {}, t('item.details')),
          h('h3', {}, t('field.situation')),
          paragraphs(item.situation),
          h('h3', {}, t('field.proposal')),
          paragraphs(item.proposal),
          details(item, refs),
        ),
        duplicatesCard(around),
        h('section', { class: 'card' }, h('h2', {}, t('item.tasks')), tasks(item, refs)),
        h(
          'section',
          { class: 'card' },
          h('h2', {}, t('item.timeline'), ' ', h('span', { class: 'ref' }, item.reference)),
          pagedTimeline(params.id, first, refs),
        ),
      ),
      h(
        'div',
        {},
        h(
          'section',
          { class: 'card', 'data-testid': 'item-actions' },
          h('h2', {}, t('item.actions')),
          actionForms(item, refs, done, { user, question }),
        ),
        h('section', { class: 'card' }, h('h2', {}, t('item.deadlines')), deadlines(item)),
      ),
    ),
  );
}
