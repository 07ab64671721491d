import ExcelJS from 'exceljs';
import { vietnamDate, vietnamDateTime, type Lang } from './labels';

/** One agenda line as printed: what it concerns, why it is there, and its ruling once recorded. */
export interface ScAgendaRow {
  source: string;
  subject: string;
  leadUnit: string | null;
  note: string | null;
  ruling: string | null;
  directive: string | null;
}

/** A Standing Committee meeting's agenda (and minutes, once ruled on), as the exports print it. */
export interface ScAgenda {
  date: string;
  title: string;
  frozenAt: string | null;
  rows: ScAgendaRow[];
}

/** Every word the agenda prints, in both languages. */
export const SC_AGENDA_LABELS = {
  vi: {
    heading: 'Chương trình phiên họp Ban Thường vụ',
    date: 'Ngày họp',
    frozenAt: 'Chốt chương trình lúc',
    draft: 'Dự thảo',
    no: 'STT',
    subject: 'Nội dung',
    source: 'Nguồn',
    leadUnit: 'Đơn vị chủ trì',
    note: 'Ghi chú',
    ruling: 'Kết luận',
    directive: 'Chỉ đạo đã ghi',
    sheet: 'Chương trình',
    empty: 'Chương trình chưa có nội dung',
    sources: {
      'standing-committee-review': 'Chờ Ban Thường vụ chỉ đạo',
      'overdue-level-1': 'Quá hạn cấp 1',
      'ruling-request': 'Kiến nghị Ban Thường vụ chỉ đạo',
      'emerging-issue': 'Vấn đề nổi lên',
      added: 'Thư ký bổ sung',
    } as Record<string, string>,
  },
  en: {
    heading: 'Standing Committee meeting agenda',
    date: 'Meeting date',
    frozenAt: 'Agenda frozen at',
    draft: 'Draft',
    no: 'No.',
    subject: 'Subject',
    source: 'Source',
    leadUnit: 'Lead unit',
    note: 'Note',
    ruling: 'Ruling',
    directive: 'Directive recorded',
    sheet: 'Agenda',
    empty: 'The agenda has no lines yet',
    sources: {
      'standing-committee-review': 'Awaiting the Standing Committee',
      'overdue-level-1': 'Overdue at level 1',
      'ruling-request': 'Ruling requested',
      'emerging-issue': 'Emerging issue',
      added: 'Added by the secretariat',
    } as Record<string, string>,
  },
} as const;

const escape = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function cells(agenda: ScAgenda, lang: Lang): string[][] {
  const t = SC_AGENDA_LABELS[lang];
  return agenda.rows.map((r, i) => [
    String(i + 1),
    r.subject,
    t.sources[r.source] ?? r.source,
    r.leadUnit ?? '',
    r.note ?? '',
    r.ruling ?? '',
    r.directive ?? '',
  ]);
}

function headers(lang: Lang): string[] {
  const t = SC_AGENDA_LABELS[lang];
  return [t.no, t.subject, t.source, t.leadUnit, t.note, t.ruling, t.directive];
}

function status(agenda: ScAgenda, lang: Lang): string {
  const t = SC_AGENDA_LABELS[lang];
  return agenda.frozenAt ? `${t.frozenAt}: ${vietnamDateTime(agenda.frozenAt)}` : t.draft;
}

/** The agenda as a page made for printing on A4 (landscape): no script, styles only. */
export function scAgendaHtml(agenda: ScAgenda, lang: Lang = 'vi'): string {
  const t = SC_AGENDA_LABELS[lang];
  const rows = cells(agenda, lang);
  const table =
    rows.length === 0
      ? `<p class="empty">${escape(t.empty)}</p>`
      : `<table><thead><tr>${headers(lang)
          .map((h) => `<th>${escape(h)}</th>`)
          .join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${escape(`${t.heading} ${vietnamDate(agenda.date)}`)}</title>
<style>
  @page { size: A4 landscape; margin: 15mm; }
  body { font-family: "Times New Roman", serif; font-size: 12pt; color: #000; margin: 0 auto; }
  h1 { font-size: 16pt; text-align: center; text-transform: uppercase; margin-bottom: 4pt; }
  .meta { text-align: center; margin: 0 0 10pt; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 1px solid #000; padding: 3pt 5pt; text-align: left; vertical-align: top; }
  th { background: #eee; }
  tr { page-break-inside: avoid; }
  .empty { font-style: italic; }
</style>
</head>
<body>
<h1>${escape(t.heading)}</h1>
<p class="meta">${escape(agenda.title)} · ${escape(t.date)}: ${vietnamDate(agenda.date)} · ${escape(status(agenda, lang))}</p>
${table}
</body>
</html>`;
}

/** The agenda as a workbook: one sheet, a line per agenda line. */
export async function scAgendaXlsx(agenda: ScAgenda, lang: Lang = 'vi'): Promise<Buffer> {
  const t = SC_AGENDA_LABELS[lang];
  const book = new ExcelJS.Workbook();
  book.creator = 'NGK';
  const sheet = book.addWorksheet(t.sheet);
  sheet.addRow([t.heading]).font = { bold: true, size: 14 };
  sheet.addRow([agenda.title]);
  sheet.addRow([t.date, vietnamDate(agenda.date)]);
  sheet.addRow([status(agenda, lang)]);
  sheet.addRow([]);
  const head = sheet.addRow(headers(lang));
  head.font = { bold: true };
  [6, 60, 28, 28, 30, 50, 24].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
  for (const row of cells(agenda, lang)) sheet.addRow(row).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await book.xlsx.writeBuffer());
}
