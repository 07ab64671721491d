import { vietnamDate, vietnamDateTime, type Lang } from '@ngk/reports';
import { meetingDetail, RECORD_LABELS, summaryRows } from './cadre-record.labels';
import type { CadreRecord } from './cadre-records.service';

const escape = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function table(
  headers: string[],
  rows: unknown[][],
  empty: string,
  rowClass: (i: number) => string = () => '',
): string {
  if (rows.length === 0) return `<p class="empty">${escape(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r, i) => `<tr class="${rowClass(i)}">${r.map((c) => `<td>${escape(c ?? '—')}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The cadre's record as a page made for printing on A4: no script, styles only; missed meetings stand out. */
export function cadreRecordHtml(record: CadreRecord, lang: Lang = 'vi'): string {
  const t = RECORD_LABELS[lang];
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escape(t.title)} · ${escape(record.cadre.displayName)}</title>
<style>
  @page { size: A4; margin: 18mm 15mm; }
  body { font-family: "Times New Roman", serif; font-size: 12pt; color: #000; max-width: 180mm; margin: 0 auto; }
  h1 { font-size: 16pt; text-align: center; text-transform: uppercase; margin-bottom: 4pt; }
  h2 { font-size: 13pt; margin: 14pt 0 4pt; border-bottom: 1px solid #000; }
  .meta { text-align: center; margin: 0 0 10pt; }
  table { width: 100%; border-collapse: collapse; margin-top: 4pt; }
  th, td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  tr { page-break-inside: avoid; }
  tr.missed td { font-weight: bold; background: #fde2e2; }
  .empty { font-style: italic; }
</style>
</head>
<body>
<h1>${escape(t.title)}</h1>
<p class="meta">${escape(t.cadre)}: ${escape(record.cadre.displayName)} · ${escape(t.period(record))} (${vietnamDate(record.period.from)} – ${vietnamDate(record.period.to)}) · ${escape(t.generatedAt)}: ${vietnamDateTime(record.generatedAt)}</p>
<h2>${escape(t.summary)}</h2>
${table([t.figure, t.value], summaryRows(record, lang), t.none)}
<h2>${escape(t.reports)}</h2>
${table(
  [t.commune, t.periodStart, t.standing, t.fieldVisits],
  record.reportLines.map((r) => [
    lang === 'vi' ? r.communeVi : r.communeEn,
    vietnamDate(r.periodStart),
    t.standings[r.standing],
    r.fieldVisits,
  ]),
  t.none,
)}
<h2>${escape(t.meetings)}</h2>
${table(
  [t.heldOn, t.commune, t.meeting, t.attendance, t.detail],
  record.meetingLines.map((m) => [
    vietnamDate(m.heldOn),
    lang === 'vi' ? m.unitNameVi : m.unitNameEn,
    m.title,
    t.outcomes[m.outcome],
    meetingDetail(m),
  ]),
  t.none,
  (i) => (record.meetingLines[i].outcome === 'missed' ? 'missed' : ''),
)}
</body>
</html>`;
}
