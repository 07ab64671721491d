/** What a notification is about; each is sent in-app and, unless muted, by email. */
export const NOTIFICATION_KINDS = [
  'routed-to-your-unit',
  'reminder',
  'overdue',
  'escalated-to-you',
  'resolved',
  'verification-due',
  'extension-requested',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Who hears of an event: the units given tasks by it, its `notify` list, or the cadre who submitted. */
export type Audience = 'opened-task-units' | 'notify-list' | 'submitter';

/** The events people hear about, and from whom they hear. Anything else stays in the timeline only. */
export const NOTIFYING_EVENTS: Readonly<Record<string, { kind: NotificationKind; audience: Audience }>> = {
  routed: { kind: 'routed-to-your-unit', audience: 'opened-task-units' },
  'sent-to-triage': { kind: 'routed-to-your-unit', audience: 'opened-task-units' },
  'routed-by-triage': { kind: 'routed-to-your-unit', audience: 'opened-task-units' },
  transferred: { kind: 'routed-to-your-unit', audience: 'opened-task-units' },
  'transferred-to-triage': { kind: 'routed-to-your-unit', audience: 'opened-task-units' },
  'directive-new-lead-unit': { kind: 'routed-to-your-unit', audience: 'opened-task-units' },
  reminder: { kind: 'reminder', audience: 'notify-list' },
  'deadline-missed': { kind: 'overdue', audience: 'notify-list' },
  escalated: { kind: 'overdue', audience: 'notify-list' },
  resolved: { kind: 'resolved', audience: 'submitter' },
  'verification-due': { kind: 'verification-due', audience: 'submitter' },
  'extension-requested': { kind: 'extension-requested', audience: 'notify-list' },
};

/** What a notification says before the item's title, in Vietnamese: the users are provincial officials. */
export function notificationSubject(kind: NotificationKind, level?: number): string {
  switch (kind) {
    case 'routed-to-your-unit':
      return 'Kiến nghị mới giao đơn vị';
    case 'reminder':
      return 'Nhắc hạn xử lý';
    case 'overdue':
      return 'Quá hạn xử lý';
    case 'escalated-to-you':
      return `Chuyển Ban Thường vụ cho ý kiến (cấp ${level ?? 2})`;
    case 'resolved':
      return 'Kiến nghị đã có trả lời, đề nghị phản hồi';
    case 'verification-due':
      return 'Đến hạn kiểm tra kết quả';
    case 'extension-requested':
      return 'Đề nghị gia hạn chờ quyết định';
  }
}
