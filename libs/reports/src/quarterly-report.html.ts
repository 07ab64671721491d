import { LABELS, vietnamDate, vietnamDateTime, type Lang } from './labels';
import type { QuarterlyReport } from './quarterly-report';

const escape = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A rate as the reader's language writes it: "66,7%" in Vietnamese, "66.7%" in English, "100%" in both. */
const pct = (rate: number | null, lang: Lang) =>
  rate === null
    ? '—'
    : new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
        style: 'percent',
        maximumFractionDigits: 1,
      }).format(rate);

/** Working days as the reader's language writes a number: "2,5" in Vietnamese, "2.5" in English. */
const days = (value: number | null, lang: Lang) =>
  value === null
    ? '—'
    : new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 }).format(value);

function table(headers: string[], rows: unknown[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escape(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The quarterly report as a page made for printing on A4: no script, styles only. */
export function quarterlyReportHtml(report: QuarterlyReport, lang: Lang = 'vi'): string {
  const t = LABELS[lang];
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'vi' ? x.nameVi : x.nameEn);
  const s = report.summary;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escape(t.title(report.quarter, report.year))}</title>
<style>
  @page { size: A4; margin: 18mm 15mm; }
  body { font-family: "Times New Roman", serif; font-size: 12pt; color: #000; max-width: 180mm; margin: 0 auto; }
  h1 { font-size: 16pt; text-align: center; text-transform: uppercase; margin-bottom: 4pt; }
  h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #000; }
  .meta { text-align: center; margin: 0 0 10pt; }
  table { width: 100%; border-collapse: collapse; margin-top: 4pt; page-break-inside: auto; }
  th, td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  td:not(:first-child) { text-align: right; }
  tr { page-break-inside: avoid; }
  .empty { font-style: italic; }
</style>
</head>
<body>
<h1>${escape(t.title(report.quarter, report.year))}</h1>
<p class="meta">${escape(t.scope)}: ${escape(name(report.scope))} · ${escape(t.period)}: ${vietnamDate(report.from)} – ${vietnamDate(report.to)} · ${escape(t.generatedAt)}: ${vietnamDateTime(report.generatedAt)}</p>
<h2>${escape(t.summary)}</h2>
${table(
  ['', ''],
  [
    [t.newCount, s.newCount],
    [t.resolved, s.resolved],
    [t.onTime, s.timeliness.onTime],
    [t.onTimeAfterExtension, s.timeliness.onTimeAfterExtension],
    [t.late, s.timeliness.late],
    [t.onTimeRate, pct(s.onTimeRate, lang)],
    [t.resolveMedian, days(s.resolveWorkingDays.median, lang)],
    [t.resolveMean, days(s.resolveWorkingDays.mean, lang)],
    [t.closed, s.closed],
    [t.breached, s.breached],
    [t.escalated, s.escalated],
    [t.overdueNow, s.overdueNow],
    [t.reopened, s.reopened],
  ],
  t.none,
)}
<h2>${escape(t.emerging)}</h2>
${table(
  [t.category, t.district, t.count, t.previousCount, t.change],
  report.emergingIssues.map((e) => [
    lang === 'vi' ? e.categoryVi : e.categoryEn,
    (lang === 'vi' ? e.districtVi : e.districtEn) ?? '',
    e.count,
    e.previousCount,
    `+${e.change}`,
  ]),
  t.none,
)}
<h2>${escape(t.units)}</h2>
${table(
  [
    t.unit,
    t.newCount,
    t.resolved,
    t.onTime,
    t.onTimeAfterExtension,
    t.late,
    t.resolveMedian,
    t.breached,
    t.escalated,
    t.overdueNow,
    t.reopened,
  ],
  report.units.map((u) => [
    name(u),
    u.newCount,
    u.resolved,
    u.timeliness.onTime,
    u.timeliness.onTimeAfterExtension,
    u.timeliness.late,
    days(u.resolveWorkingDays.median, lang),
    u.breached,
    u.escalated,
    u.overdueNow,
    u.reopened,
  ]),
  t.none,
)}
<h2>${escape(t.overdue)}</h2>
${table(
  [t.reference, t.item, t.unit, t.locality, t.dueAt, t.level],
  report.overdueItems.map((i) => [
    i.reference,
    i.title,
    i.leadUnitVi ?? '',
    i.localityVi,
    i.resolutionDueAt ? vietnamDateTime(i.resolutionDueAt) : '',
    i.escalationLevel,
  ]),
  t.none,
)}
</body>
</html>
`;
}
