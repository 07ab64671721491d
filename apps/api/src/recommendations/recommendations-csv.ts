import type { Outcome, RecommendationStatus } from '@ngk/domain';

export type CsvLang = 'vi' | 'en';

/** Excel reads a file as UTF-8 only when it starts with the byte order mark. */
export const UTF8_BOM = '\uFEFF';

const STATUS: Record<CsvLang, Record<RecommendationStatus, string>> = {
  vi: {
    submitted: 'Đã gửi',
    triage: 'Chờ phân công',
    routed: 'Đã chuyển đơn vị chủ trì',
    'awaiting-info': 'Chờ bổ sung thông tin',
    'in-progress': 'Đang xử lý',
    resolved: 'Đã trả lời, chờ phản hồi',
    'standing-committee-review': 'Chờ Ban Thường vụ chỉ đạo',
    planned: 'Đã tiếp thu, có kế hoạch',
    'awaiting-verification': 'Chờ kiểm tra kết quả',
    closed: 'Đã đóng',
  },
  en: {
    submitted: 'Submitted',
    triage: 'Awaiting triage',
    routed: 'Routed to lead unit',
    'awaiting-info': 'Awaiting information',
    'in-progress': 'In progress',
    resolved: 'Answered, awaiting feedback',
    'standing-committee-review': 'Awaiting Standing Committee',
    planned: 'Accepted and planned',
    'awaiting-verification': 'Awaiting verification',
    closed: 'Closed',
  },
};

const OUTCOME: Record<CsvLang, Record<Outcome, string>> = {
  vi: {
    implemented: 'Đã thực hiện',
    planned: 'Tiếp thu, có kế hoạch thực hiện',
    'partly-accepted': 'Tiếp thu một phần',
    'not-accepted': 'Không tiếp thu',
    referred: 'Chuyển cấp có thẩm quyền',
  },
  en: {
    implemented: 'Implemented',
    planned: 'Accepted and planned',
    'partly-accepted': 'Partly accepted',
    'not-accepted': 'Not accepted',
    referred: 'Referred to a higher level',
  },
};

const WORDS = {
  vi: { yes: 'Có', no: 'Không', urgent: 'Khẩn', normal: 'Bình thường' },
  en: { yes: 'Yes', no: 'No', urgent: 'Urgent', normal: 'Normal' },
};

/** A list row as the repository reads it, the fields the file shows. */
export interface CsvItem {
  reference: string;
  title: string;
  status: RecommendationStatus;
  categoryCode: string;
  categoryNameVi?: string | null;
  categoryNameEn?: string | null;
  localityNameVi?: string | null;
  localityNameEn?: string | null;
  leadUnitNameVi?: string | null;
  leadUnitNameEn?: string | null;
  urgency: string;
  overdue: boolean;
  escalationLevel: number;
  createdAt: Date | string;
  resolutionDueAt: Date | string | null;
  updatedAt: Date | string;
  closedAt: Date | string | null;
  outcome: Outcome | null;
  [column: string]: unknown;
}

type Column = { vi: string; en: string; value: (item: CsvItem, lang: CsvLang) => string | number };

const named = (vi: string | null | undefined, en: string | null | undefined, lang: CsvLang) =>
  (lang === 'en' ? (en ?? vi) : vi) ?? '';

const COLUMNS: Column[] = [
  { vi: 'Số tham chiếu', en: 'Reference', value: (i) => i.reference },
  { vi: 'Tiêu đề', en: 'Title', value: (i) => i.title },
  { vi: 'Trạng thái', en: 'Status', value: (i, l) => STATUS[l][i.status] ?? i.status },
  {
    vi: 'Lĩnh vực',
    en: 'Category',
    value: (i, l) => named(i.categoryNameVi, i.categoryNameEn, l) || i.categoryCode,
  },
  { vi: 'Địa bàn', en: 'Locality', value: (i, l) => named(i.localityNameVi, i.localityNameEn, l) },
  { vi: 'Đơn vị chủ trì', en: 'Lead unit', value: (i, l) => named(i.leadUnitNameVi, i.leadUnitNameEn, l) },
  {
    vi: 'Mức độ',
    en: 'Urgency',
    value: (i, l) => (i.urgency === 'urgent' ? WORDS[l].urgent : WORDS[l].normal),
  },
  { vi: 'Quá hạn', en: 'Overdue', value: (i, l) => (i.overdue ? WORDS[l].yes : WORDS[l].no) },
  { vi: 'Mức chuyển cấp', en: 'Escalation level', value: (i) => i.escalationLevel },
  { vi: 'Ngày gửi', en: 'Submitted', value: (i) => vnTime(i.createdAt) },
  { vi: 'Hạn giải quyết', en: 'Resolution deadline', value: (i) => vnTime(i.resolutionDueAt) },
  { vi: 'Hoạt động gần nhất', en: 'Last activity', value: (i) => vnTime(i.updatedAt) },
  { vi: 'Kết quả', en: 'Outcome', value: (i, l) => (i.outcome ? OUTCOME[l][i.outcome] : '') },
  { vi: 'Ngày đóng', en: 'Closed', value: (i) => vnTime(i.closedAt) },
];

/** Việt Nam time as `YYYY-MM-DD HH:mm`, which Excel reads as a date in every locale. */
export function vnTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const time = new Date(new Date(value).getTime() + 7 * 3_600_000);
  return time.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * One field as RFC 4180 writes it. Text that a spreadsheet would run as a formula (=, +, -, @, tab or
 * carriage return first) is kept as text with a leading apostrophe: the titles come from users.
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (fields: (string | number)[]) => `${fields.map(csvField).join(',')}\r\n`;

export function csvHeader(lang: CsvLang): string {
  return line(COLUMNS.map((c) => c[lang]));
}

export function csvRows(items: CsvItem[], lang: CsvLang): string {
  return items.map((item) => line(COLUMNS.map((c) => c.value(item, lang)))).join('');
}
