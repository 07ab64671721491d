import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { field, formBanner, showError, withProgress } from '../forms.js';
import { date, number, workingDays } from '../format.js';
import { currentLang, label, t } from '../i18n.js';
import { referenceData } from '../refdata.js';
import { href, navigate } from '../router.js';
import { outcomeBadge, periodFields } from './meeting-parts.js';

/** Fetched with the token, then handed to the browser: a download, or the printable page in a new window. */
async function exportRecord(cadreId, period, format, win) {
  const res = await api(`/api/cadre-records/${cadreId}`, {
    query: { ...period, format, lang: currentLang() },
    raw: true,
    headers: { Accept: '*/*' },
  });
  const blob = await res.blob();
  const url = URL.createObjectURL(
    format === 'html' ? new Blob([blob], { type: 'text/html;charset=utf-8' }) : blob,
  );
  if (format === 'html') {
    if (win) win.location.href = url;
    else window.location.assign(url);
  } else {
    const link = h('a', { href: url, download: `ket-qua-can-bo-${period.year}.xlsx`, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One group of figures: its heading, then each figure's name and value. */
function group(title, rows, extra = []) {
  return h(
    'section',
    { class: 'card' },
    h('h3', {}, title),
    h(
      'dl',
      { class: 'facts' },
      rows.map(([key, value]) => [
        h('dt', {}, t(`record.${key}`)),
        h(
          'dd',
          { 'data-testid': `record-${key}`, class: key === 'missed' && value > 0 ? 'due-late' : null },
          number(value),
        ),
      ]),
      extra,
    ),
  );
}

function figures(record) {
  const r = record.reports;
  const m = record.meetings;
  const i = record.recommendations;
  const median = i.resolveWorkingDays.median;
  return h(
    'div',
    { class: 'grid-2', 'data-testid': 'record-figures' },
    group(t('record.groupReports'), [
      ['reportsOnTime', r.onTime],
      ['reportsLate', r.late],
      ['reportsOverdue', r.overdue],
      ['fieldVisits', r.fieldVisits],
    ]),
    group(t('record.groupMeetings'), [
      ['attended', m.attended],
      ['delegated', m.delegated],
      ['absent', m.absent],
      ['missed', m.missed],
    ]),
    group(
      t('record.groupItems'),
      [
        ['raised', i.raised],
        ['accepted', i.accepted],
        ['implemented', i.implemented],
        ['verified', i.verified],
      ],
      [
        h('dt', {}, t('record.resolveMedian')),
        h(
          'dd',
          { 'data-testid': 'record-resolveMedian' },
          median === null ? t('app.none') : workingDays(median),
        ),
      ],
    ),
  );
}

/**
 * Each cadre's record over a quarter or a year, with its export: a cadre reads their own, the
 * Organization Board and the Standing Committee pick a cadre.
 */
export async function recordScreen(container, { user, query }) {
  const refs = await referenceData();
  const cadres = await api('/api/cadre-records');
  const picker = periodFields(refs.today, query);
  const chosen = user.role === 'cadre' ? user.userId : (query.cadre ?? cadres[0]?.id);
  const cadre = field({
    name: 'cadre',
    labelText: t('record.cadre'),
    control: 'select',
    options: cadres.map((c) => ({ value: c.id, label: c.displayName })),
    attrs: { value: chosen, 'data-testid': 'record-cadre' },
  });
  cadre.wrapper.hidden = user.role === 'cadre';
  const go = () =>
    navigate(href('record', { ...picker.period(), cadre: user.role === 'cadre' ? '' : cadre.input.value }));
  for (const input of [...picker.inputs, cadre.input]) input.addEventListener('change', go);
  const record = chosen ? await api(`/api/cadre-records/${chosen}`, { query: picker.period() }) : null;
  const xlsx = h(
    'button',
    { type: 'button', class: 'button-primary', 'data-testid': 'record-xlsx' },
    t('dash.xlsx'),
  );
  const printable = h('button', { type: 'button', 'data-testid': 'record-html' }, t('dash.html'));
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    formBanner(),
    h('div', { class: 'form-actions' }, xlsx, printable),
  );
  xlsx.addEventListener('click', () =>
    withProgress(xlsx, () =>
      exportRecord(chosen, picker.period(), 'xlsx').catch((err) => showError(form, err)),
    ),
  );
  printable.addEventListener('click', () => {
    const win = window.open('', '_blank');
    void withProgress(printable, () =>
      exportRecord(chosen, picker.period(), 'html', win).catch((err) => {
        win?.close();
        showError(form, err);
      }),
    );
  });
  replace(
    container,
    h('div', { class: 'page-head' }, h('h1', { 'data-testid': 'page-title' }, t('nav.record'))),
    // A cadre sent another cadre's record (a shared link) is told why their own shows instead.
    user.role === 'cadre' && query.cadre && query.cadre !== user.userId
      ? h(
          'p',
          { class: 'banner banner-warning', role: 'status', 'data-testid': 'record-own-only' },
          t('record.ownOnly'),
        )
      : null,
    h('div', { class: 'form-row' }, cadre.wrapper, picker.wrappers),
    record
      ? h(
          'div',
          { 'data-testid': 'record-body', 'data-loaded': 'true' },
          h('h2', {}, record.cadre.displayName),
          figures(record),
          form,
          h('h2', {}, t('record.meetings')),
          record.meetingLines.length
            ? h(
                'ul',
                { class: 'plain' },
                record.meetingLines.map((m) =>
                  h(
                    'li',
                    { 'data-testid': 'record-meeting', 'data-outcome': m.outcome },
                    `${date(m.heldOn)} · ${m.title} `,
                    outcomeBadge(m.outcome),
                    ` ${label('meetingKind', m.kind)}`,
                  ),
                ),
              )
            : h('p', { class: 'empty' }, t('meetings.empty')),
        )
      : h('p', { class: 'empty', 'data-testid': 'record-body', 'data-loaded': 'true' }, t('record.noCadre')),
  );
}
