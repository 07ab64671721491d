import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { field, formBanner, onSubmit, showError, clearErrors, withProgress } from '../forms.js';
import { date, dateTime } from '../format.js';
import { label, nameOf, t } from '../i18n.js';
import { referenceData } from '../refdata.js';
import { href, navigate, rerender } from '../router.js';
import { flash } from '../shell.js';
import { cell, itemLink, referenceTag, statusBadge } from './lists.js';

// The cadre's periodic report: the reports waiting, and one report's short form.

/** As the API's REPORT_NOTE_MAX: the form says it before the API refuses more. */
const NOTE_MAX = 1500;

/** "tháng 11/2026", "quý 4/2026" in Vietnamese; "2026-11", "Q4 2026" in English. */
export function periodName(period) {
  const year = period.start.slice(0, 4);
  const month = Number(period.start.slice(5, 7));
  if (period.kind === 'month') return t('creport.month', { month, year });
  return t('creport.quarter', { quarter: Math.floor((month - 1) / 3) + 1, year });
}

export function standingBadge(standing) {
  return h(
    'span',
    { class: `badge standing-${standing}`, 'data-testid': 'standing', 'data-standing': standing },
    label('standing', standing),
  );
}

/** The cadre's reports, those waiting first, each with its deadline. */
export async function cadreReportsScreen(container, context) {
  if (context.params.id) return reportScreen(container, context);
  const reports = await api('/api/cadre-reports');
  if (!context.isCurrent()) return;
  const waiting = reports.filter((r) => r.waitingForYou).length;
  const rows = reports.map((r) =>
    h(
      'tr',
      {
        class: r.standing === 'overdue' ? 'row-overdue' : null,
        'data-testid': 'creport-row',
        'data-id': r.id,
      },
      cell(
        null,
        h(
          'a',
          { href: `#/cadre-reports/${encodeURIComponent(r.id)}` },
          `${nameOf(r.commune)} · ${periodName(r.period)}`,
        ),
        r.waitingForYou ? h('span', { class: 'badge badge-waiting' }, t('waiting.badge')) : null,
      ),
      cell('creport.col.standing', standingBadge(r.standing)),
      cell('creport.col.due', h('time', { datetime: r.dueAt }, dateTime(r.dueAt))),
      cell('creport.col.submitted', r.submittedAt ? dateTime(r.submittedAt) : t('app.none')),
    ),
  );
  replace(
    container,
    h('h1', { 'data-testid': 'page-title' }, t('creport.title')),
    h('p', { class: 'muted', 'data-testid': 'creport-waiting' }, t('creport.waitingCount', { n: waiting })),
    reports.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'cards', 'data-testid': 'creport-list' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  'creport.col.report',
                  'creport.col.standing',
                  'creport.col.due',
                  'creport.col.submitted',
                ].map((key) => h('th', { scope: 'col' }, t(key))),
              ),
            ),
            h('tbody', {}, rows),
          ),
        )
      : h('p', { class: 'empty', 'data-testid': 'creport-list' }, t('creport.empty')),
  );
  return undefined;
}

function issueRow(categories, issue = {}) {
  const category = field({
    name: 'categoryCode',
    testid: 'issue-category',
    labelText: t('creport.category'),
    control: 'select',
    options: [
      { value: '', label: t('submit.chooseCategory') },
      ...categories.map((c) => ({ value: c.code, label: nameOf(c) })),
    ],
    attrs: { value: issue.categoryCode ?? '' },
  });
  const text = field({
    name: 'text',
    testid: 'issue-text',
    labelText: t('creport.issueText'),
    control: 'textarea',
    attrs: { rows: 3, value: issue.text ?? '' },
  });
  const remove = h('button', { type: 'button', class: 'button-quiet' }, t('creport.remove'));
  const row = h(
    'div',
    { class: 'attachment-row issue-row', 'data-id': issue.id ?? '' },
    category.wrapper,
    text.wrapper,
    remove,
  );
  remove.addEventListener('click', () => row.remove());
  return row;
}

function visitRow(visit = {}) {
  const fields = [
    field({
      name: 'date',
      testid: 'visit-date',
      labelText: t('creport.visitDate'),
      type: 'date',
      attrs: { value: visit.date ?? '' },
    }),
    field({
      name: 'place',
      testid: 'visit-place',
      labelText: t('creport.visitPlace'),
      attrs: { value: visit.place ?? '' },
    }),
    field({
      name: 'purpose',
      testid: 'visit-purpose',
      labelText: t('creport.visitPurpose'),
      attrs: { value: visit.purpose ?? '' },
    }),
  ];
  const remove = h('button', { type: 'button', class: 'button-quiet' }, t('creport.remove'));
  const row = h('div', { class: 'attachment-row visit-row' }, ...fields.map((f) => f.wrapper), remove);
  remove.addEventListener('click', () => row.remove());
  return row;
}

/** The draft as typed; rows are renamed to the index they are sent at, so the API's errors land on them. */
function draftOf(form) {
  const issues = [...form.querySelectorAll('.issue-row')].map((row, i) => {
    row.dataset.field = `issues.${i}`;
    row
      .querySelectorAll('.field')
      .forEach((f) => (f.dataset.field = `issues.${i}.${f.querySelector('[name]').name}`));
    const value = (name) => row.querySelector(`[name="${name}"]`).value.trim();
    return {
      ...(row.dataset.id ? { id: row.dataset.id } : {}),
      categoryCode: value('categoryCode'),
      text: value('text'),
    };
  });
  const fieldVisits = [...form.querySelectorAll('.visit-row')].map((row, i) => {
    row
      .querySelectorAll('.field')
      .forEach((f) => (f.dataset.field = `fieldVisits.${i}.${f.querySelector('[name]').name}`));
    const value = (name) => row.querySelector(`[name="${name}"]`).value.trim();
    return {
      date: value('date'),
      place: value('place'),
      ...(value('purpose') ? { purpose: value('purpose') } : {}),
    };
  });
  const note = form.elements.namedItem('note').value.trim();
  return { issues, fieldVisits, ...(note ? { note } : {}) };
}

/** "Tạo kiến nghị": the submission form, pre-filled from the issue, that links the issue once sent. */
function toRecommendation(report, issue) {
  return href('submit', {
    fromIssue: issue.id,
    title: issue.text.slice(0, 120),
    situation: issue.text,
    categoryCode: issue.categoryCode,
    localityUnitId: report.commune.id,
  });
}

function issuesList(report, categories) {
  if (!report.issues.length) return h('p', { class: 'muted' }, t('creport.noIssues'));
  return h(
    'ul',
    { class: 'plain', 'data-testid': 'creport-issues' },
    report.issues.map((issue) =>
      h(
        'li',
        { class: 'card', 'data-testid': 'creport-issue', 'data-id': issue.id },
        h('strong', {}, nameOf(categories.find((c) => c.code === issue.categoryCode)) || issue.categoryCode),
        h('p', { class: 'prose' }, issue.text),
        issue.flaggedForAgendaAt ? h('span', { class: 'badge' }, t('creport.flagged')) : null,
        issue.recommendationId
          ? h(
              'span',
              {},
              t('creport.madeInto'),
              ' ',
              referenceTag(issue.recommendationReference),
              itemLink(issue.recommendationId, t('creport.openItem')),
            )
          : report.cadre.id === report.viewerId
            ? h(
                'a',
                {
                  class: 'button',
                  href: toRecommendation(report, issue),
                  'data-testid': 'issue-to-recommendation',
                },
                t('creport.toRecommendation'),
              )
            : null,
      ),
    ),
  );
}

function readOnlySections(report) {
  return [
    h('h2', {}, t('creport.meetings')),
    report.meetings.length
      ? h(
          'ul',
          { 'data-testid': 'creport-meetings' },
          report.meetings.map((m) =>
            h('li', {}, `${date(m.heldOn)} · ${m.title} · ${label('attendance', m.status)}`),
          ),
        )
      : h('p', { class: 'muted', 'data-testid': 'creport-meetings' }, t('creport.noMeetings')),
    h('h2', {}, t('creport.recommendations')),
    report.recommendations.length
      ? h(
          'ul',
          { 'data-testid': 'creport-recommendations' },
          report.recommendations.map((r) =>
            h('li', {}, referenceTag(r.reference), itemLink(r.id, r.title), ' ', statusBadge(r.status)),
          ),
        )
      : h('p', { class: 'muted', 'data-testid': 'creport-recommendations' }, t('creport.noRecommendations')),
  ];
}

function timeline(report) {
  return h(
    'ol',
    { class: 'timeline', 'data-testid': 'creport-timeline' },
    report.timeline.map((e) =>
      h(
        'li',
        { 'data-kind': e.kind },
        h('time', { datetime: e.at }, dateTime(e.at)),
        ' ',
        t(`creport.event.${e.kind}${e.late ? 'Late' : ''}`),
        e.text ? h('p', { class: 'prose' }, e.text) : null,
      ),
    ),
  );
}

/** One report: the form while it is the cadre's draft, then read-only with amendments. */
export async function reportScreen(container, { params, user, isCurrent }) {
  const [report, refs] = await Promise.all([
    api(`/api/cadre-reports/${encodeURIComponent(params.id)}`),
    referenceData(),
  ]);
  if (!isCurrent()) return;
  report.viewerId = user.userId;
  const head = [
    h(
      'h1',
      { 'data-testid': 'page-title' },
      `${t('creport.reportOf')} ${periodName(report.period)} · ${nameOf(report.commune)}`,
    ),
    h(
      'p',
      { class: 'muted' },
      standingBadge(report.standing),
      ' ',
      t('creport.dueOn', { when: dateTime(report.dueAt) }),
      report.cadre.id !== user.userId ? ` · ${report.cadre.name}` : '',
    ),
  ];
  if (!report.editable) {
    const amend = report.cadre.id === user.userId ? amendForm(report) : null;
    replace(
      container,
      ...head,
      h('h2', {}, t('creport.issues')),
      issuesList(report, refs.categories),
      h('h2', {}, t('creport.visits')),
      h(
        'ul',
        { 'data-testid': 'creport-visits' },
        report.fieldVisits.map((v) =>
          h('li', {}, `${date(v.date)} · ${v.place}${v.purpose ? ` · ${v.purpose}` : ''}`),
        ),
      ),
      h('h2', {}, t('creport.note')),
      h('p', { class: 'prose' }, report.note ?? t('app.none')),
      ...readOnlySections(report),
      h('h2', {}, t('creport.timeline')),
      timeline(report),
      amend,
    );
    return;
  }
  const issues = h(
    'div',
    {},
    report.issues.map((i) => issueRow(refs.categories, i)),
  );
  const visits = h(
    'div',
    {},
    report.fieldVisits.map((v) => visitRow(v)),
  );
  const addIssue = h(
    'button',
    { type: 'button', class: 'button-quiet', 'data-testid': 'add-issue' },
    t('creport.addIssue'),
  );
  addIssue.addEventListener('click', () => issues.append(issueRow(refs.categories)));
  const addVisit = h(
    'button',
    { type: 'button', class: 'button-quiet', 'data-testid': 'add-visit' },
    t('creport.addVisit'),
  );
  addVisit.addEventListener('click', () => visits.append(visitRow()));
  const note = field({
    name: 'note',
    control: 'textarea',
    labelText: t('creport.note'),
    hint: t('creport.noteHint', { n: NOTE_MAX }),
    attrs: { rows: 4, maxlength: NOTE_MAX, value: report.note ?? '' },
  });
  const submit = h(
    'button',
    { type: 'button', class: 'button-primary', 'data-testid': 'creport-submit' },
    t('creport.submit'),
  );
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': 'creport-form' },
    formBanner(),
    h(
      'fieldset',
      { class: 'field', 'data-field': 'issues' },
      h('legend', {}, t('creport.issues')),
      h('p', { class: 'hint' }, t('creport.issuesHint')),
      issues,
      addIssue,
    ),
    h(
      'fieldset',
      { class: 'field', 'data-field': 'fieldVisits' },
      h('legend', {}, t('creport.visits')),
      visits,
      addVisit,
    ),
    note.wrapper,
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', 'data-testid': 'creport-save' }, t('creport.save')),
      submit,
    ),
  );
  const save = () =>
    api(`/api/cadre-reports/${encodeURIComponent(report.id)}`, { method: 'PUT', body: draftOf(form) });
  onSubmit(form, save, () => {
    flash(t('creport.saved'));
    rerender();
  });
  submit.addEventListener('click', () => {
    void withProgress(submit, async () => {
      clearErrors(form);
      try {
        await save();
        await api(`/api/cadre-reports/${encodeURIComponent(report.id)}/submit`, { method: 'POST' });
      } catch (err) {
        showError(form, err);
        return;
      }
      flash(t('creport.submitted'));
      navigate(`#/cadre-reports/${encodeURIComponent(report.id)}`);
    });
  });
  replace(
    container,
    ...head,
    form,
    h('h2', {}, t('creport.savedIssues')),
    issuesList(report, refs.categories),
    ...readOnlySections(report),
    h('h2', {}, t('creport.timeline')),
    timeline(report),
  );
}

function amendForm(report) {
  const text = field({
    name: 'text',
    control: 'textarea',
    labelText: t('creport.amendment'),
    required: true,
    attrs: { rows: 3 },
  });
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': 'creport-amend' },
    formBanner(),
    text.wrapper,
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', 'data-testid': 'creport-amend-send' }, t('creport.amend')),
    ),
  );
  onSubmit(
    form,
    () =>
      api(`/api/cadre-reports/${encodeURIComponent(report.id)}/amendments`, {
        method: 'POST',
        body: { text: text.input.value.trim() },
      }),
    () => {
      flash(t('creport.amended'));
      rerender();
    },
  );
  return form;
}
