import ExcelJS from 'exceljs';
import { vietnamDate, vietnamDateTime, type Lang } from '@ngk/reports';
import { meetingDetail, RECORD_LABELS, summaryRows } from './cadre-record.labels';
import type { CadreRecord } from './cadre-records.service';

/** The cadre's record as a workbook: the summary, then the reports and the meetings behind it. */
export async function cadreRecordXlsx(record: CadreRecord, lang: Lang = 'vi'): Promise<Buffer> {
  const t = RECORD_LABELS[lang];
  const book = new ExcelJS.Workbook();
  book.creator = 'NGK';
  book.created = new Date(record.generatedAt);
  const sheet = (name: string, columns: { header: string; width: number }[]) => {
    const s = book.addWorksheet(name);
    s.columns = columns;
    s.getRow(1).font = { bold: true };
    s.views = [{ state: 'frozen', ySplit: 1 }];
    return s;
  };

  const summary = sheet(t.summary, [
    { header: t.figure, width: 48 },
    { header: t.value, width: 40 },
  ]);
  summary.addRow([t.cadre, `${record.cadre.displayName} (${record.cadre.username})`]);
  summary.addRow([t.title, t.period(record)]);
  summary.addRow([t.generatedAt, vietnamDateTime(record.generatedAt)]);
  for (const [label, value] of summaryRows(record, lang)) summary.addRow([label, value]);

  const reports = sheet(t.reports, [
    { header: t.commune, width: 28 },
    { header: t.periodStart, width: 14 },
    { header: t.standing, width: 16 },
    { header: t.fieldVisits, width: 14 },
  ]);
  for (const r of record.reportLines)
    reports.addRow([
      lang === 'vi' ? r.communeVi : r.communeEn,
      vietnamDate(r.periodStart),
      t.standings[r.standing],
      r.fieldVisits,
    ]);

  const meetings = sheet(t.meetings, [
    { header: t.heldOn, width: 12 },
    { header: t.commune, width: 28 },
    { header: t.meeting, width: 48 },
    { header: t.attendance, width: 18 },
    { header: t.detail, width: 32 },
  ]);
  for (const m of record.meetingLines)
    meetings.addRow([
      vietnamDate(m.heldOn),
      lang === 'vi' ? m.unitNameVi : m.unitNameEn,
      m.title,
      t.outcomes[m.outcome],
      meetingDetail(m),
    ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}
