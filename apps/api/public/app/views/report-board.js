import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { describeError, field, withProgress } from '../forms.js';
import { dateTime } from '../format.js';
import { currentLang, nameOf, t } from '../i18n.js';
import { href, navigate } from '../router.js';
import { showBanner } from '../shell.js';
import { periodName, reportScreen, standingBadge } from './cadre-report.js';
import { cell, itemLink, referenceTag } from './lists.js';

// The Organization Board's follow-up of the cadres' reports: who reported, the issues by category.

const STANDINGS = ['on-time', 'late', 'overdue', 'draft', 'open'];

/** Fetches the period's export with the token, then hands it to the browser (a download or a new window). */
async function exportPeriod(period, format) {
  const res = await api('/api/report-board/export', {
    query: { periodKind: period.periodKind, periodStart: period.periodStart, format, lang: currentLang() },
    raw: true,
    headers: { Accept: '*/*' },
  });
  return res.blob();
}

function exportButtons(period) {
  const xlsx = h(
    'button',
    { type: 'button', class: 'button-primary', 'data-testid': 'board-xlsx' },
    t('dash.xlsx'),
  );
  const printable = h('button', { type: 'button', 'data-testid': 'board-html' }, t('dash.html'));
  xlsx.addEventListener('click', () =>
    withProgress(xlsx, async () => {
      try {
        const url = URL.createObjectURL(await exportPeriod(period, 'xlsx'));
        const link = h('a', {
          href: url,
          download: `bao-cao-dinh-ky-${period.periodKind}-${period.periodStart}.xlsx`,
          hidden: true,
        });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      } catch (err) {
        showBanner(describeError(err));
      }
    }),
  );
  printable.addEventListener('click', () => {
    // Opened now, while the click still counts as the user's: a window opened after the fetch would be blocked.
    const win = window.open('', '_blank');
    void withProgress(printable, async () => {
      try {
        const blob = await exportPeriod(period, 'html');
        const url = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }));
        if (win) win.location.href = url;
        else window.location.assign(url);
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      } catch (err) {
        win?.close();
        showBanner(describeError(err));
      }
    });
  });
  return h('div', { class: 'form-actions' }, xlsx, printable);
}

function statusTable(status) {
  const rows = status.communes.flatMap((c) =>
    c.reports.map((r) =>
      h(
        'tr',
        {
          class: r.standing === 'overdue' ? 'row-overdue' : null,
          'data-testid': 'board-row',
          'data-standing': r.standing,
        },
        cell(null, h('a', { href: `#/report-board/${encodeURIComponent(r.id)}` }, nameOf(c.commune))),
        cell('board.col.cadre', h('span', { 'data-testid': 'user-name' }, r.cadre.name)),
        cell('creport.col.standing', standingBadge(r.standing)),
        cell('creport.col.submitted', r.submittedAt ? dateTime(r.submittedAt) : t('app.none')),
      ),
    ),
  );
  if (!rows.length) return h('p', { class: 'empty', 'data-testid': 'board-status' }, t('board.noReports'));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'cards', 'data-testid': 'board-status' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['board.col.commune', 'board.col.cadre', 'creport.col.standing', 'creport.col.submitted'].map((k) =>
            h('th', { scope: 'col' }, t(k)),
          ),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

function issueItem(issue, redraw) {
  const flagged = !!issue.flaggedForAgendaAt;
  const toggle = h(
    'button',
    {
      type: 'button',
      class: flagged ? 'button-quiet' : null,
      'data-testid': flagged ? 'issue-unflag' : 'issue-flag',
    },
    t(flagged ? 'board.unflag' : 'board.flag'),
  );
  toggle.addEventListener('click', () =>
    withProgress(toggle, async () => {
      try {
        await api(`/api/report-issues/${encodeURIComponent(issue.id)}/flag`, {
          method: flagged ? 'DELETE' : 'POST',
        });
        await redraw();
      } catch (err) {
        showBanner(describeError(err));
      }
    }),
  );
  return h(
    'li',
    { class: 'card', 'data-testid': 'board-issue', 'data-id': issue.id, 'data-flagged': String(flagged) },
    h('p', { class: 'prose' }, issue.text),
    h(
      'p',
      { class: 'muted' },
      nameOf({ nameVi: issue.communeNameVi, nameEn: issue.communeNameEn }),
      ' · ',
      h('span', { 'data-testid': 'user-name' }, issue.cadreName),
    ),
    flagged ? h('span', { class: 'badge' }, t('creport.flagged')) : null,
    issue.recommendationId
      ? h(
          'span',
          {},
          referenceTag(issue.recommendationReference),
          itemLink(issue.recommendationId, t('creport.openItem')),
        )
      : null,
    h('div', { class: 'form-actions' }, toggle),
  );
}

/** The Board's screen: a period picked, who reported in each commune, the issues by category, the export. */
export async function reportBoardScreen(container, context) {
  if (context.params.id) return reportScreen(container, context);
  const periods = await api('/api/report-board/periods');
  if (!context.isCurrent()) return undefined;
  if (!periods.length) {
    replace(
      container,
      h('h1', { 'data-testid': 'page-title' }, t('board.title')),
      h('p', { class: 'empty', 'data-testid': 'board-body' }, t('board.noPeriods')),
    );
    return undefined;
  }
  const key = (p) => `${p.periodKind}:${p.periodStart}`;
  const chosen = periods.find((p) => key(p) === context.query.period) ?? periods[0];
  const picker = field({
    name: 'period',
    labelText: t('board.period'),
    control: 'select',
    options: periods.map((p) => ({
      value: key(p),
      label: periodName({ kind: p.periodKind, start: p.periodStart }),
    })),
    attrs: { value: key(chosen), 'data-testid': 'board-period' },
  });
  picker.input.addEventListener('change', () =>
    navigate(href('report-board', { period: picker.input.value })),
  );
  const body = h('div', { 'data-testid': 'board-body' });
  const draw = async () => {
    const query = { periodKind: chosen.periodKind, periodStart: chosen.periodStart };
    const [status, issues] = await Promise.all([
      api('/api/report-board/status', { query }),
      api('/api/report-board/issues', { query }),
    ]);
    if (!context.isCurrent()) return;
    replace(
      body,
      h(
        'p',
        { 'data-testid': 'board-counts' },
        STANDINGS.map((s) =>
          h('span', { class: `badge standing-${s}` }, `${t(`standing.${s}`)}: ${status.counts[s]}`),
        ),
      ),
      statusTable(status),
      h('h2', {}, t('board.issues')),
      issues.categories.length
        ? issues.categories.map((c) =>
            h(
              'section',
              { 'data-testid': 'board-category', 'data-code': c.code },
              h('h3', {}, `${nameOf(c)} (${c.issues.length})`),
              h(
                'ul',
                { class: 'plain' },
                c.issues.map((i) => issueItem(i, draw)),
              ),
            ),
          )
        : h('p', { class: 'muted' }, t('board.noIssues')),
      h('h2', {}, t('board.export')),
      exportButtons(chosen),
    );
    body.dataset.loaded = 'true';
  };
  replace(
    container,
    h('h1', { 'data-testid': 'page-title' }, t('board.title')),
    h('form', { class: 'form', novalidate: true }, picker.wrapper),
    body,
  );
  await draw();
  return undefined;
}
