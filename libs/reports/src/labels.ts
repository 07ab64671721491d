export type Lang = 'vi' | 'en';

/** Every word the report prints, in both languages; the XLSX and the page use the same ones. */
export const LABELS = {
  vi: {
    title: (q: number, y: number) => `Báo cáo tình hình giải quyết kiến nghị quý ${q}/${y}`,
    period: 'Kỳ báo cáo',
    scope: 'Phạm vi',
    generatedAt: 'Lập lúc',
    summary: 'Tổng hợp',
    emerging: 'Vấn đề nổi lên',
    units: 'Theo đơn vị',
    overdue: 'Còn quá hạn',
    newCount: 'Kiến nghị mới',
    resolved: 'Đã giải quyết',
    onTime: 'Đúng hạn',
    onTimeAfterExtension: 'Đúng hạn sau gia hạn',
    late: 'Trễ hạn',
    onTimeRate: 'Tỷ lệ trong hạn (kể cả gia hạn)',
    resolveMedian: 'Thời gian giải quyết, trung vị (ngày làm việc)',
    resolveMean: 'Thời gian giải quyết, trung bình (ngày làm việc)',
    closed: 'Đã đóng',
    breached: 'Quá hạn trong quý',
    escalated: 'Chuyển cấp 2 (Ban Thường vụ)',
    overdueNow: 'Đang quá hạn',
    reopened: 'Mở lại trong quý',
    category: 'Lĩnh vực',
    district: 'Huyện',
    count: 'Số kiến nghị',
    previousCount: 'Quý trước',
    change: 'Tăng',
    unit: 'Đơn vị chủ trì',
    item: 'Kiến nghị',
    reference: 'Số tham chiếu',
    locality: 'Địa bàn',
    dueAt: 'Hạn giải quyết',
    level: 'Mức chuyển cấp',
    none: 'Không có',
    print: 'In báo cáo',
  },
  en: {
    title: (q: number, y: number) => `Recommendations report, Q${q} ${y}`,
    period: 'Period',
    scope: 'Scope',
    generatedAt: 'Generated at',
    summary: 'Summary',
    emerging: 'Emerging issues',
    units: 'By unit',
    overdue: 'Still overdue',
    newCount: 'New recommendations',
    resolved: 'Resolved',
    onTime: 'On time',
    onTimeAfterExtension: 'On time after extension',
    late: 'Late',
    onTimeRate: 'Within the deadline (extensions included)',
    resolveMedian: 'Median time to resolve (working days)',
    resolveMean: 'Mean time to resolve (working days)',
    closed: 'Closed',
    breached: 'Overdue during the quarter',
    escalated: 'Escalated to level 2 (Standing Committee)',
    overdueNow: 'Overdue now',
    reopened: 'Reopened during the quarter',
    category: 'Category',
    district: 'District',
    count: 'Recommendations',
    previousCount: 'Previous quarter',
    change: 'Increase',
    unit: 'Lead unit',
    item: 'Recommendation',
    reference: 'Reference',
    locality: 'Locality',
    dueAt: 'Resolution due',
    level: 'Escalation level',
    none: 'None',
    print: 'Print',
  },
} as const;

/** A date-time as people in Việt Nam read it: dd/mm/yyyy hh:mm, UTC+7. */
export function vietnamDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000).toISOString();
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)} ${d.slice(11, 16)}`;
}

/** A YYYY-MM-DD date as dd/mm/yyyy. */
export function vietnamDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
