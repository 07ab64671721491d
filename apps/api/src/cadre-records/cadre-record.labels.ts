import type { Lang } from '@ngk/reports';
import type { CadreRecord } from './cadre-records.service';

/** Every word the record prints, in both languages; the workbook and the page use the same ones. */
export const RECORD_LABELS = {
  vi: {
    title: 'Kết quả theo dõi, hỗ trợ xã của cán bộ',
    period: (r: CadreRecord) =>
      r.period.quarter === null ? `Năm ${r.period.year}` : `Quý ${r.period.quarter}/${r.period.year}`,
    cadre: 'Cán bộ',
    generatedAt: 'Lập lúc',
    summary: 'Tổng hợp',
    figure: 'Chỉ tiêu',
    value: 'Số liệu',
    reportsOnTime: 'Báo cáo đúng hạn',
    reportsLate: 'Báo cáo trễ hạn',
    reportsMissing: 'Báo cáo chưa nộp (quá hạn)',
    reportsOpen: 'Báo cáo chưa đến hạn',
    fieldVisits: 'Lượt đi cơ sở',
    attended: 'Cuộc họp dự',
    delegated: 'Cuộc họp cử người dự thay',
    absent: 'Cuộc họp vắng có lý do',
    missed: 'Cuộc họp không ghi nhận',
    pending: 'Cuộc họp chưa ghi nhận (chưa qua ngày họp)',
    raised: 'Kiến nghị đã gửi',
    accepted: 'Kiến nghị được tiếp thu',
    implemented: 'Kiến nghị đã thực hiện',
    verified: 'Kiến nghị đã kiểm tra kết quả',
    resolveMedian: 'Thời gian giải quyết, trung vị (ngày làm việc)',
    reports: 'Báo cáo định kỳ',
    meetings: 'Cuộc họp',
    commune: 'Xã',
    periodStart: 'Kỳ từ ngày',
    standing: 'Tình trạng',
    heldOn: 'Ngày họp',
    meeting: 'Cuộc họp',
    attendance: 'Tham dự',
    detail: 'Ghi chú',
    none: 'Không có',
    standings: { 'on-time': 'Đúng hạn', late: 'Trễ hạn', missing: 'Chưa nộp', open: 'Chưa đến hạn' },
    outcomes: {
      attended: 'Có dự',
      absent: 'Vắng',
      delegated: 'Cử người dự thay',
      missed: 'Không ghi nhận',
      pending: 'Chưa đến ngày / chưa ghi',
    },
  },
  en: {
    title: "Cadre's record of following and supporting communes",
    period: (r: CadreRecord) =>
      r.period.quarter === null ? `Year ${r.period.year}` : `Q${r.period.quarter} ${r.period.year}`,
    cadre: 'Cadre',
    generatedAt: 'Generated',
    summary: 'Summary',
    figure: 'Figure',
    value: 'Value',
    reportsOnTime: 'Reports on time',
    reportsLate: 'Reports late',
    reportsMissing: 'Reports missing (past due)',
    reportsOpen: 'Reports not yet due',
    fieldVisits: 'Field visits',
    attended: 'Meetings attended',
    delegated: 'Meetings delegated',
    absent: 'Meetings missed with a reason',
    missed: 'Meetings missed (nothing recorded)',
    pending: 'Meetings not yet recorded (day not over)',
    raised: 'Recommendations raised',
    accepted: 'Recommendations accepted',
    implemented: 'Recommendations implemented',
    verified: 'Recommendations verified',
    resolveMedian: 'Time to resolve, median (working days)',
    reports: 'Periodic reports',
    meetings: 'Meetings',
    commune: 'Commune',
    periodStart: 'Period from',
    standing: 'Standing',
    heldOn: 'Date',
    meeting: 'Meeting',
    attendance: 'Attendance',
    detail: 'Note',
    none: 'None',
    standings: { 'on-time': 'On time', late: 'Late', missing: 'Missing', open: 'Not yet due' },
    outcomes: {
      attended: 'Attended',
      absent: 'Absent',
      delegated: 'Delegated',
      missed: 'Not recorded',
      pending: 'Not yet',
    },
  },
} as const;

/** The summary's figures, label and value, in the order both formats print them. */
export function summaryRows(record: CadreRecord, lang: Lang): [string, number | null][] {
  const t = RECORD_LABELS[lang];
  const { reports: r, meetings: m, recommendations: i } = record;
  return [
    [t.reportsOnTime, r.onTime],
    [t.reportsLate, r.late],
    [t.reportsMissing, r.missing],
    [t.reportsOpen, r.open],
    [t.fieldVisits, r.fieldVisits],
    [t.attended, m.attended],
    [t.delegated, m.delegated],
    [t.absent, m.absent],
    [t.missed, m.missed],
    [t.pending, m.pending],
    [t.raised, i.raised],
    [t.accepted, i.accepted],
    [t.implemented, i.implemented],
    [t.verified, i.verified],
    [t.resolveMedian, i.resolveWorkingDays.median],
  ];
}

/** A meeting line's note: the reason of an absence, or who went instead. */
export const meetingDetail = (m: CadreRecord['meetingLines'][number]) => m.reason ?? m.delegateName ?? '';
