import { EVENT_CATALOGUE, tell, type RecommendationEventType } from './catalogue/events';

/** The languages notifications are written in: Vietnamese first. */
export type NotificationLang = 'vi' | 'en';

/** What a notification is about; each is sent in-app and, unless muted, by email. */
export const NOTIFICATION_KINDS = [
  'routed-to-your-unit',
  'transferred-to-your-unit',
  'reminder',
  'overdue',
  'coordination-overdue',
  'escalated-to-you',
  'coordination-opinion',
  'info-requested',
  'info-provided',
  'info-deadline-passed',
  'resolved',
  'accepted',
  'accepted-by-silence',
  'disputed',
  'disputed-to-standing-committee',
  'verification-due',
  'verified',
  'reopened',
  'reopened-after-closure',
  'handed-over',
  'directive-new-deadline',
  'directive-new-lead-unit',
  'directive-close',
  'extension-requested',
  'extension-approved',
  'extension-refused',
  'marked-duplicate',
  'quarterly-report',
  'cadre-report-reminder',
  'cadre-report-overdue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * Who hears of an event: the units given tasks by it, its `notify` list, the cadre in charge of the item
 * (its submitter until a handover, and the cadres who follow it since their duplicate merged into it) and the item's lead unit as they stand after the event, or the person
 * who asked for the extension decided.
 */
export const AUDIENCES = [
  'opened-task-units',
  'notify-list',
  'cadre-in-charge',
  'lead-unit',
  'extension-requester',
] as const;
export type Audience = (typeof AUDIENCES)[number];

export interface NotifyingRule {
  kind: NotificationKind;
  audiences: readonly Audience[];
}
/** An event nobody is told of, and why: it stays in the timeline only. */
export interface SilentRule {
  silent: string;
}
export type NotificationRule = NotifyingRule | SilentRule;

/** The rule for every event type: the event catalogue's. */
export const NOTIFICATION_RULES: Readonly<Record<RecommendationEventType, NotificationRule>> =
  EVENT_CATALOGUE;

/** What the payload may say that changes who is told or in which words. */
export interface EventFacts {
  level?: number;
  clock?: string;
}

/** Whom an event of this type tells, in which words; null for an event declared silent or unknown. */
export function notificationFor(type: string, facts: EventFacts = {}): NotifyingRule | null {
  const rule = (NOTIFICATION_RULES as Record<string, NotificationRule | undefined>)[type];
  if (!rule || 'silent' in rule) return null;
  if (type === 'escalated' && facts.level === 2) return tell('escalated-to-you', ...rule.audiences);
  // A coordinating unit late with its opinion holds up the lead unit, which must chase it.
  if (type === 'deadline-missed' && facts.clock === 'coordination') {
    return tell('coordination-overdue', 'notify-list', 'lead-unit');
  }
  return rule;
}

/** What each kind of notification says before the item's title, in both languages. */
export const NOTIFICATION_SUBJECTS: Readonly<
  Record<NotificationKind, Readonly<Record<NotificationLang, string>>>
> = {
  'routed-to-your-unit': { vi: 'Kiến nghị mới giao đơn vị', en: 'New recommendation for your unit' },
  'transferred-to-your-unit': {
    vi: 'Kiến nghị được chuyển đến đơn vị',
    en: 'Recommendation transferred to your unit',
  },
  reminder: { vi: 'Nhắc hạn xử lý', en: 'Deadline reminder' },
  overdue: { vi: 'Quá hạn xử lý', en: 'Deadline missed' },
  'coordination-overdue': { vi: 'Quá hạn ý kiến phối hợp', en: 'Coordinating opinion overdue' },
  'escalated-to-you': {
    vi: 'Chuyển Ban Thường vụ cho ý kiến (cấp {level})',
    en: 'Sent to the Standing Committee (level {level})',
  },
  'coordination-opinion': { vi: 'Đơn vị phối hợp đã cho ý kiến', en: 'A coordinating unit gave its opinion' },
  'info-requested': {
    vi: 'Đơn vị đề nghị bổ sung thông tin',
    en: 'The unit asks you for more information',
  },
  'info-provided': { vi: 'Cán bộ đã bổ sung thông tin', en: 'The cadre provided the information' },
  'info-deadline-passed': {
    vi: 'Hết hạn bổ sung thông tin: tiếp tục tính hạn giải quyết',
    en: 'Time to provide information ended: the resolution clock runs again',
  },
  resolved: {
    vi: 'Kiến nghị đã có trả lời, đề nghị phản hồi',
    en: 'Your recommendation has an answer: please give feedback',
  },
  accepted: { vi: 'Cán bộ đồng ý với trả lời', en: 'The cadre accepted the answer' },
  'accepted-by-silence': {
    vi: 'Hết hạn phản hồi: coi như đồng ý',
    en: 'Feedback window ended: answer taken as accepted',
  },
  disputed: { vi: 'Cán bộ không đồng ý với trả lời', en: 'The cadre disputes the answer' },
  'disputed-to-standing-committee': {
    vi: 'Không đồng ý lần hai: chờ Ban Thường vụ chỉ đạo',
    en: 'Disputed twice: the Standing Committee must direct',
  },
  'verification-due': { vi: 'Đến hạn kiểm tra kết quả', en: 'Time to check the result' },
  verified: { vi: 'Cán bộ xác nhận đã thực hiện', en: 'The cadre confirmed it was done' },
  reopened: { vi: 'Kiến nghị được mở lại', en: 'Recommendation reopened' },
  'reopened-after-closure': {
    vi: 'Cán bộ mở lại kiến nghị đã kết thúc',
    en: 'The cadre reopened a closed recommendation',
  },
  'handed-over': {
    vi: 'Kiến nghị được chuyển giao cán bộ phụ trách',
    en: 'Recommendation handed over to a new cadre in charge',
  },
  'directive-new-deadline': {
    vi: 'Ban Thường vụ chỉ đạo: hạn xử lý mới',
    en: 'Standing Committee directive: new deadline',
  },
  'directive-new-lead-unit': {
    vi: 'Ban Thường vụ chỉ đạo: giao đơn vị chủ trì',
    en: 'Standing Committee directive: your unit now leads',
  },
  'directive-close': {
    vi: 'Ban Thường vụ chỉ đạo: kết thúc kiến nghị',
    en: 'Standing Committee directive: closed',
  },
  'extension-requested': { vi: 'Đề nghị gia hạn chờ quyết định', en: 'Extension request awaiting decision' },
  'extension-approved': { vi: 'Đề nghị gia hạn được đồng ý', en: 'Extension approved' },
  'extension-refused': { vi: 'Đề nghị gia hạn không được đồng ý', en: 'Extension refused' },
  'marked-duplicate': {
    vi: 'Kiến nghị trùng với kiến nghị khác: đã gộp, bạn theo dõi kiến nghị gốc',
    en: 'Your recommendation duplicates another: merged, you now follow the original',
  },
  'quarterly-report': { vi: 'Báo cáo quý đã sẵn sàng', en: 'Quarterly report ready' },
  'cadre-report-reminder': { vi: 'Nhắc hạn báo cáo định kỳ', en: 'Periodic report due soon' },
  'cadre-report-overdue': { vi: 'Báo cáo định kỳ quá hạn', en: 'Periodic report overdue' },
};

/** What a notification says before the item's title; Vietnamese unless asked: the users are officials. */
export function notificationSubject(
  kind: NotificationKind,
  level?: number,
  lang: NotificationLang = 'vi',
): string {
  return NOTIFICATION_SUBJECTS[kind][lang].replace('{level}', String(level ?? 2));
}

/** How a user receives notification email, besides muting it: one per notification, or a morning digest. */
export const EMAIL_DIGESTS = ['immediate', 'daily'] as const;
export type EmailDigest = (typeof EMAIL_DIGESTS)[number];
