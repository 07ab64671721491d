import ExcelJS from 'exceljs';
import { LABELS, vietnamDate, vietnamDateTime, type Lang } from './labels';
import type { QuarterlyReport } from './quarterly-report';

/** The quarterly report as a workbook: one sheet per section, rates as percentages. */
export async function quarterlyReportXlsx(report: QuarterlyReport, lang: Lang = 'vi'): Promise<Buffer> {
  const t = LABELS[lang];
  const name = (x: { nameVi: string; nameEn: string }) => (lang === 'vi' ? x.nameVi : x.nameEn);
  const book = new ExcelJS.Workbook();
  book.creator = 'NGK';
  book.created = new Date(report.generatedAt);
  const heading = (sheet: ExcelJS.Worksheet, columns: { header: string; width: number }[]) => {
    sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  };
  const percent = (cell: ExcelJS.Cell) => (cell.numFmt = '0.0%');

  const summary = book.addWorksheet(t.summary);
  summary.columns = [{ width: 40 }, { width: 40 }];
  summary.addRow([t.title(report.quarter, report.year)]).font = { bold: true, size: 14 };
  summary.addRow([t.period, `${vietnamDate(report.from)} – ${vietnamDate(report.to)}`]);
  summary.addRow([t.scope, name(report.scope)]);
  summary.addRow([t.generatedAt, vietnamDateTime(report.generatedAt)]);
  summary.addRow([]);
  const s = report.summary;
  for (const [label, value] of [
    [t.newCount, s.newCount],
    [t.resolved, s.resolved],
    [t.onTime, s.timeliness.onTime],
    [t.onTimeAfterExtension, s.timeliness.onTimeAfterExtension],
    [t.late, s.timeliness.late],
    [t.onTimeRate, s.onTimeRate],
    [t.resolveMedian, s.resolveWorkingDays.median],
    [t.resolveMean, s.resolveWorkingDays.mean],
    [t.closed, s.closed],
    [t.breached, s.breached],
    [t.escalated, s.escalated],
    [t.overdueNow, s.overdueNow],
    [t.reopened, s.reopened],
  ] as const) {
    const row = summary.addRow([label, value]);
    if (label === t.onTimeRate) percent(row.getCell(2));
  }

  const emerging = book.addWorksheet(t.emerging);
  heading(emerging, [
    { header: t.category, width: 32 },
    { header: t.district, width: 24 },
    { header: t.count, width: 14 },
    { header: t.previousCount, width: 14 },
    { header: t.change, width: 10 },
  ]);
  for (const e of report.emergingIssues) {
    emerging.addRow([
      lang === 'vi' ? e.categoryVi : e.categoryEn,
      (lang === 'vi' ? e.districtVi : e.districtEn) ?? '',
      e.count,
      e.previousCount,
      e.change,
    ]);
  }

  const units = book.addWorksheet(t.units);
  heading(units, [
    { header: t.unit, width: 40 },
    { header: t.newCount, width: 14 },
    { header: t.resolved, width: 14 },
    { header: t.onTime, width: 14 },
    { header: t.onTimeAfterExtension, width: 14 },
    { header: t.late, width: 14 },
    { header: t.onTimeRate, width: 14 },
    { header: t.resolveMedian, width: 16 },
    { header: t.resolveMean, width: 16 },
    { header: t.breached, width: 14 },
    { header: t.escalated, width: 14 },
    { header: t.overdueNow, width: 14 },
    { header: t.reopened, width: 14 },
  ]);
  for (const u of report.units) {
    const row = units.addRow([
      name(u),
      u.newCount,
      u.resolved,
      u.timeliness.onTime,
      u.timeliness.onTimeAfterExtension,
      u.timeliness.late,
      u.onTimeRate,
      u.resolveWorkingDays.median,
      u.resolveWorkingDays.mean,
      u.breached,
      u.escalated,
      u.overdueNow,
      u.reopened,
    ]);
    percent(row.getCell(7));
  }

  const overdue = book.addWorksheet(t.overdue);
  heading(overdue, [
    { header: t.reference, width: 16 },
    { header: t.item, width: 50 },
    { header: t.unit, width: 32 },
    { header: t.locality, width: 24 },
    { header: t.dueAt, width: 18 },
    { header: t.level, width: 10 },
  ]);
  for (const i of report.overdueItems) {
    overdue.addRow([
      i.reference,
      i.title,
      i.leadUnitVi ?? '',
      i.localityVi,
      i.resolutionDueAt ? vietnamDateTime(i.resolutionDueAt) : '',
      i.escalationLevel,
    ]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
