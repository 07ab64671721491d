import ExcelJS from 'exceljs';
import { periodLabel, reportStanding, type ReportPeriodKind } from '@ngk/domain';
import { vietnamDate, vietnamDateTime, type Lang } from '@ngk/reports';
import type { IssueRow, ReportRow } from './cadre-reports.repository';

/** A period's reports, each with its emerging issues. */
export type PeriodExport = { row: ReportRow; issues: IssueRow[] }[];

const TEXTS = {
  vi: {
    title: (p: string) => `Báo cáo định kỳ của cán bộ phụ trách, ${p}`,
    reports: 'Báo cáo',
    issues: 'Vấn đề nổi lên',
    columns: ['Xã', 'Cán bộ', 'Tình trạng', 'Hạn nộp', 'Ngày nộp', 'Số vấn đề', 'Số lần đi cơ sở', 'Ghi chú'],
    issueColumns: ['Xã', 'Cán bộ', 'Lĩnh vực', 'Nội dung', 'Đề xuất đưa vào chương trình', 'Kiến nghị'],
    standing: {
      'on-time': 'Đúng hạn',
      late: 'Nộp muộn',
      overdue: 'Quá hạn',
      draft: 'Đang soạn',
      open: 'Chưa làm',
    },
    yes: 'Có',
    none: 'Chưa có báo cáo nào trong kỳ.',
  },
  en: {
    title: (p: string) => `Cadres' periodic reports, ${p}`,
    reports: 'Reports',
    issues: 'Emerging issues',
    columns: ['Commune', 'Cadre', 'Standing', 'Due', 'Submitted', 'Issues', 'Field visits', 'Note'],
    issueColumns: ['Commune', 'Cadre', 'Category', 'Issue', 'Flagged for the agenda', 'Recommendation'],
    standing: { 'on-time': 'On time', late: 'Late', overdue: 'Overdue', draft: 'Draft', open: 'Not started' },
    yes: 'Yes',
    none: 'No reports in this period.',
  },
} as const;

function rowsOf(reports: PeriodExport, lang: Lang) {
  const t = TEXTS[lang];
  const commune = (r: ReportRow) => (lang === 'vi' ? r.communeNameVi : r.communeNameEn);
  return {
    reports: reports.map(({ row, issues }) => [
      commune(row),
      row.cadreName,
      t.standing[reportStanding(row)],
      vietnamDateTime(row.dueAt),
      row.submittedAt ? vietnamDateTime(row.submittedAt) : '',
      issues.length,
      row.fieldVisits.length,
      row.note ?? '',
    ]),
    issues: reports.flatMap(({ row, issues }) =>
      issues.map((i) => [
        commune(row),
        row.cadreName,
        i.categoryCode,
        i.text,
        i.flaggedForAgendaAt ? t.yes : '',
        i.recommendationReference ?? '',
      ]),
    ),
  };
}

/** The period's reports as a workbook: one sheet of reports, one of their emerging issues. */
export async function periodReportsXlsx(
  period: { kind: ReportPeriodKind; start: string },
  reports: PeriodExport,
  lang: Lang,
): Promise<Buffer> {
  const t = TEXTS[lang];
  const book = new ExcelJS.Workbook();
  book.creator = 'NGK';
  const rows = rowsOf(reports, lang);
  const sheet = (name: string, headers: readonly string[], data: unknown[][]) => {
    const s = book.addWorksheet(name);
    s.columns = headers.map((header) => ({ header, width: 24 }));
    s.getRow(1).font = { bold: true };
    s.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of data) s.addRow(r);
  };
  sheet(t.reports, t.columns, rows.reports);
  sheet(t.issues, t.issueColumns, rows.issues);
  book.title = t.title(periodLabel(period, lang));
  return Buffer.from(await book.xlsx.writeBuffer());
}

const escape = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function table(headers: readonly string[], rows: unknown[][], empty: string): string {
  if (rows.length === 0) return `<p>${escape(empty)}</p>`;
  return `<table><thead><tr>${headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** The period's reports as a page made for printing. */
export function periodReportsHtml(
  period: { kind: ReportPeriodKind; start: string; end: string },
  reports: PeriodExport,
  lang: Lang,
): string {
  const t = TEXTS[lang];
  const title = t.title(periodLabel(period, lang));
  const rows = rowsOf(reports, lang);
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}@media print{body{margin:0}}</style>
</head><body><h1>${escape(title)}</h1><p>${vietnamDate(period.start)} – ${vietnamDate(period.end)}</p>
<h2>${escape(t.reports)}</h2>${table(t.columns, rows.reports, t.none)}
<h2>${escape(t.issues)}</h2>${table(t.issueColumns, rows.issues, t.none)}
</body></html>`;
}
