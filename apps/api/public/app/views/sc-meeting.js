import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { describeError, withProgress } from '../forms.js';
import { date, dateTime, plural } from '../format.js';
import { currentLang, label, t } from '../i18n.js';
import { referenceData } from '../refdata.js';
import { rerender } from '../router.js';
import { rulingForm } from './sc-ruling.js';

/** A button that runs one request on the meeting, then draws the meeting again (or shows why not). */
function button(text, testid, run, failure, attrs = {}) {
  const el = h('button', { type: 'button', 'data-testid': testid, ...attrs }, text);
  el.addEventListener('click', () =>
    withProgress(el, async () => {
      try {
        await run();
        rerender();
      } catch (err) {
        replace(failure, describeError(err));
        failure.hidden = false;
      }
    }),
  );
  return el;
}

/** What the line concerns: the item (a link) or the emerging issue and its commune. */
function subject(line) {
  if (line.recommendationId)
    return h(
      'a',
      { href: `#/item/${line.recommendationId}`, 'data-testid': 'sc-line-item' },
      [line.reference, line.title].filter(Boolean).join(' · '),
    );
  const commune = currentLang() === 'vi' ? line.communeNameVi : line.communeNameEn;
  return h(
    'span',
    { 'data-testid': 'sc-line-issue' },
    commune ? `${commune}: ${line.issueText}` : line.issueText,
  );
}

/** The ruling recorded on a line, and the directive it became on the item. */
function ruling(line) {
  const extra = [
    line.rulingDueDate ? date(line.rulingDueDate) : null,
    line.rulingWorkingDays ? t('sc.workingDays', { n: line.rulingWorkingDays }) : null,
    currentLang() === 'vi' ? line.rulingLeadUnitNameVi : line.rulingLeadUnitNameEn,
  ].filter(Boolean);
  return h(
    'div',
    { class: 'ruling', 'data-testid': 'sc-ruling' },
    h(
      'p',
      {},
      h('strong', {}, label('rulingKind', line.rulingKind)),
      extra.length ? ` (${extra.join(', ')})` : '',
      ': ',
      line.rulingText,
    ),
    line.directiveType
      ? h(
          'p',
          { class: 'muted', 'data-testid': 'sc-directive' },
          t('sc.directive', { event: label('event', line.directiveType), when: dateTime(line.directiveAt) }),
        )
      : line.appliedRefusal
        ? h('p', { class: 'muted' }, t('sc.notApplied'))
        : line.recommendationId && !line.appliedAt
          ? h('p', { class: 'muted' }, t('sc.applying'))
          : null,
  );
}

function lineItem(meeting, line, index, context) {
  const { failure, refs } = context;
  const url = `/api/sc-meetings/${meeting.id}`;
  const draft = meeting.status === 'draft';
  const ids = meeting.lines.map((l) => l.id);
  const move = (by) => {
    const order = [...ids];
    [order[index], order[index + by]] = [order[index + by], order[index]];
    return api(`${url}/order`, { method: 'PUT', body: { lineIds: order } });
  };
  const note = h('input', {
    type: 'text',
    value: line.note ?? '',
    'aria-label': t('sc.note'),
    placeholder: t('sc.note'),
    'data-testid': 'sc-note',
  });
  const lead = currentLang() === 'vi' ? line.leadUnitNameVi : line.leadUnitNameEn;
  return h(
    'li',
    { class: 'card sc-line', 'data-testid': 'sc-line', 'data-id': line.id, 'data-source': line.source },
    h('p', {}, h('strong', {}, `${index + 1}. `), subject(line)),
    h(
      'p',
      { class: 'muted' },
      `${t('sc.source')}: ${label('agendaSource', line.source)}`,
      lead ? ` · ${lead}` : '',
    ),
    draft
      ? h(
          'div',
          { class: 'sc-edit' },
          note,
          h(
            'div',
            { class: 'form-actions' },
            button(
              t('sc.saveNote'),
              'sc-save-note',
              () => api(`${url}/lines/${line.id}`, { method: 'PATCH', body: { note: note.value } }),
              failure,
            ),
            button(t('sc.up'), 'sc-up', () => move(-1), failure, { disabled: index === 0 }),
            button(t('sc.down'), 'sc-down', () => move(1), failure, { disabled: index === ids.length - 1 }),
            button(
              t('sc.remove'),
              'sc-remove',
              () => api(`${url}/lines/${line.id}`, { method: 'DELETE' }),
              failure,
            ),
          ),
        )
      : line.note
        ? h('p', {}, `${t('sc.note')}: ${line.note}`)
        : null,
    line.ruledAt ? ruling(line) : meeting.status === 'frozen' ? rulingForm(meeting, line, refs) : null,
  );
}

/** What the sources propose that is not on the agenda yet, each to add with one button. */
async function proposal(meeting, failure) {
  const { candidates } = await api(`/api/sc-meetings/${meeting.id}/proposal`);
  if (candidates.length === 0)
    return h('p', { class: 'muted', 'data-testid': 'sc-proposal' }, t('sc.proposalEmpty'));
  return h(
    'ul',
    { class: 'plain cards', 'data-testid': 'sc-proposal' },
    candidates.map((c) =>
      h(
        'li',
        { class: 'card', 'data-testid': 'sc-candidate', 'data-source': c.source },
        h('p', {}, [c.reference, c.title].filter(Boolean).join(' · ')),
        h('p', { class: 'muted' }, `${t('sc.source')}: ${label('agendaSource', c.source)}`),
        c.note ? h('p', { class: 'prose' }, `${t('field.reason')}: ${c.note}`) : null,
        button(
          t('sc.add'),
          'sc-add',
          () =>
            api(`/api/sc-meetings/${meeting.id}/lines`, {
              method: 'POST',
              body: c.recommendationId
                ? { recommendationId: c.recommendationId }
                : { reportIssueId: c.reportIssueId },
            }),
          failure,
        ),
      ),
    ),
  );
}

/** Fetches the agenda with the token, then shows it: a download, or the printable page in a new window. */
async function exportAgenda(meeting, format) {
  const res = await api(`/api/sc-meetings/${meeting.id}/agenda`, {
    query: { format, lang: currentLang() },
    raw: true,
    headers: { Accept: '*/*' },
  });
  const blob = await res.blob();
  const url = URL.createObjectURL(
    format === 'html' ? new Blob([blob], { type: 'text/html;charset=utf-8' }) : blob,
  );
  if (format === 'html') window.open(url, '_blank', 'noopener');
  else {
    const link = h('a', { href: url, download: `chuong-trinh-${meeting.date}.xlsx`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * One meeting: the agenda in order with each line's source; while a draft, its edits and the proposal,
 * and freezing; once frozen, a ruling per line; the minutes as rulings come; print and export.
 */
export async function meetingScreen(container, id) {
  const [meeting, refs] = await Promise.all([api(`/api/sc-meetings/${id}`), referenceData()]);
  const failure = h('p', {
    class: 'banner banner-error',
    role: 'alert',
    hidden: true,
    'data-testid': 'form-error',
  });
  const context = { failure, refs };
  const url = `/api/sc-meetings/${meeting.id}`;
  const waits =
    meeting.status === 'draft'
      ? t('sc.waits.freeze')
      : meeting.lineCount > meeting.ruledCount && meeting.status === 'frozen'
        ? plural('sc.waits.rulings', meeting.lineCount - meeting.ruledCount)
        : null;
  replace(
    container,
    h('p', {}, h('a', { href: '#/sc-meetings' }, t('sc.back'))),
    h('h1', { 'data-testid': 'page-title' }, meeting.title),
    h(
      'p',
      { class: 'muted' },
      `${date(meeting.date)} · `,
      h('span', { 'data-testid': 'sc-status' }, label('scStatus', meeting.status)),
    ),
    waits ? h('p', { class: 'banner', 'data-testid': 'sc-waits' }, waits) : null,
    failure,
    h(
      'div',
      { class: 'form-actions' },
      meeting.status === 'draft'
        ? button(t('sc.freeze'), 'sc-freeze', () => api(`${url}/freeze`, { method: 'POST' }), failure, {
            class: 'button-primary',
          })
        : null,
      button(t('sc.print'), 'sc-print', () => exportAgenda(meeting, 'html'), failure),
      button(t('sc.xlsx'), 'sc-xlsx', () => exportAgenda(meeting, 'xlsx'), failure),
    ),
    h('h2', {}, t('sc.agenda')),
    meeting.lines.length
      ? h(
          'ul',
          { class: 'plain cards', 'data-testid': 'sc-agenda' },
          meeting.lines.map((l, i) => lineItem(meeting, l, i, context)),
        )
      : h('p', { class: 'muted', 'data-testid': 'sc-agenda' }, t('sc.agendaEmpty')),
  );
  if (meeting.status === 'draft')
    container.append(h('h2', {}, t('sc.proposal')), await proposal(meeting, failure));
  if (meeting.ruledCount > 0) container.append(h('h2', {}, t('sc.minutes')), minutes(meeting));
}

/** The minutes: each ruling in agenda order, with the directive it created. */
function minutes(meeting) {
  return h(
    'ol',
    { class: 'plain', 'data-testid': 'sc-minutes' },
    meeting.lines.filter((l) => l.ruledAt).map((l) => h('li', {}, subject(l), ruling(l))),
  );
}
