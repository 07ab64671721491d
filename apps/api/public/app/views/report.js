import { api } from '../api.js';
import { h } from '../dom.js';
import { field, formBanner, showError, withProgress } from '../forms.js';
import { currentLang, t } from '../i18n.js';

/** The file name the API gave (Content-Disposition), or ours. */
function fileName(res, fallback) {
  const header = res.headers.get('Content-Disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(header);
  return match ? decodeURIComponent(match[1] ?? match[2]) : fallback;
}

/**
 * Links cannot carry the Bearer token: the report is fetched with it, then handed to the browser as a
 * blob (a download for Excel, a new window for the printable page).
 */
async function fetchReport(query) {
  const res = await api('/api/reports/quarterly', {
    query: { ...query, lang: currentLang() },
    raw: true,
    headers: { Accept: '*/*' },
  });
  return { res, blob: await res.blob() };
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Year and quarter pickers with the two report formats. The report covers what the dashboard is
 * filtered on: one lead unit, or one district, or the province (a unit head's is their unit's).
 */
export function reportBlock(scope) {
  const now = new Date();
  const thisYear = now.getFullYear();
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - i));
  const year = field({
    name: 'year',
    labelText: t('dash.year'),
    control: 'select',
    options: years.map((y) => ({ value: y, label: y })),
    attrs: { value: String(thisYear), 'data-testid': 'report-year' },
  });
  const quarter = field({
    name: 'quarter',
    labelText: t('dash.quarter'),
    control: 'select',
    options: [1, 2, 3, 4].map((q) => ({ value: String(q), label: t('dash.quarterN', { n: q }) })),
    attrs: { value: String(Math.floor(now.getMonth() / 3) + 1), 'data-testid': 'report-quarter' },
  });
  const xlsx = h(
    'button',
    { type: 'button', class: 'button-primary', 'data-testid': 'report-xlsx' },
    t('dash.xlsx'),
  );
  const printable = h('button', { type: 'button', 'data-testid': 'report-html' }, t('dash.html'));
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': 'report-form' },
    formBanner(),
    h('p', { class: 'muted', 'data-testid': 'report-scope' }, t('dash.reportScope', { scope: scope.label })),
    h('div', { class: 'form-row' }, year.wrapper, quarter.wrapper),
    h('div', { class: 'form-actions' }, xlsx, printable),
  );
  form.addEventListener('submit', (event) => event.preventDefault());
  xlsx.addEventListener('click', () => {
    void withProgress(xlsx, async () => {
      try {
        const { res, blob } = await fetchReport({
          ...scope.query,
          year: year.input.value,
          quarter: quarter.input.value,
          format: 'xlsx',
        });
        download(blob, fileName(res, `ngk-bao-cao-quy-${quarter.input.value}-${year.input.value}.xlsx`));
      } catch (err) {
        showError(form, err);
      }
    });
  });
  printable.addEventListener('click', () => {
    // Opened now, while the click still counts as the user's: a window opened after the fetch would be blocked.
    const win = window.open('', '_blank');
    void withProgress(printable, async () => {
      try {
        const { blob } = await fetchReport({
          ...scope.query,
          year: year.input.value,
          quarter: quarter.input.value,
          format: 'html',
        });
        const url = URL.createObjectURL(new Blob([blob], { type: 'text/html;charset=utf-8' }));
        if (win) win.location.href = url;
        else window.location.assign(url);
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      } catch (err) {
        win?.close();
        showError(form, err);
      }
    });
  });
  return form;
}
