import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { field, formBanner, onSubmit } from '../forms.js';
import { date, dateTime } from '../format.js';
import { label, nameOf, t } from '../i18n.js';
import { referenceData } from '../refdata.js';
import { href, rerender } from '../router.js';
import { flash } from '../shell.js';
import { reportForm } from './cadre-report-form.js';
import { itemLink, referenceTag, statusBadge } from './lists.js';

// One periodic report: its cadre's draft form, or the report as submitted with its amendments.

/** "tháng 11/2026", "quý 4/2026" in Vietnamese; "month 11/2026", "Q4 2026" in English. */
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
  const form = reportForm(report, refs.categories);
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
