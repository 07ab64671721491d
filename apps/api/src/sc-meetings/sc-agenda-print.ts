import { meetingDateLabel } from '@ngk/domain';
import type { ScAgenda } from '@ngk/reports';
import type { AgendaLine, MeetingRow } from './sc-meetings.repository';

const RULING_WORDS = {
  vi: {
    'new-deadline': 'Ấn định hạn mới',
    'new-lead-unit': 'Giao đơn vị chủ trì mới',
    close: 'Kết thúc kiến nghị',
    text: 'Kết luận',
    recorded: 'Đã ghi vào diễn biến của kiến nghị',
    notApplied: 'Không áp dụng: kiến nghị đã kết thúc',
  },
  en: {
    'new-deadline': 'New deadline',
    'new-lead-unit': 'New lead unit',
    close: 'Close the item',
    text: 'Conclusion',
    recorded: "Recorded in the item's timeline",
    notApplied: 'Not applied: the item had ended',
  },
} as const;

/** A meeting's agenda in the words of the printed page and the workbook. */
export function agendaForPrint(
  meeting: Omit<MeetingRow, 'lineCount'> & { lines: AgendaLine[] },
  lang: 'vi' | 'en',
): ScAgenda {
  const vi = lang === 'vi';
  return {
    date: meeting.date,
    title: meeting.title,
    frozenAt: meeting.frozenAt ? new Date(meeting.frozenAt).toISOString() : null,
    rows: meeting.lines.map((l) => {
      const subject = l.recommendationId
        ? `${l.reference ?? ''} ${l.title ?? ''}`.trim()
        : [vi ? l.communeNameVi : l.communeNameEn, l.issueText].filter(Boolean).join(': ');
      const extra = [
        l.rulingDueDate ? meetingDateLabel(l.rulingDueDate) : null,
        l.rulingWorkingDays ? `${l.rulingWorkingDays} ${vi ? 'ngày làm việc' : 'working days'}` : null,
        vi ? l.rulingLeadUnitNameVi : l.rulingLeadUnitNameEn,
      ].filter(Boolean);
      const ruling = l.rulingKind
        ? `${RULING_WORDS[lang][l.rulingKind]}${extra.length ? ` (${extra.join(', ')})` : ''}: ${l.rulingText ?? ''}`
        : null;
      return {
        source: l.source,
        subject,
        leadUnit: (vi ? l.leadUnitNameVi : l.leadUnitNameEn) ?? null,
        note: l.note,
        ruling,
        directive: l.directiveSeq
          ? RULING_WORDS[lang].recorded
          : l.appliedRefusal
            ? RULING_WORDS[lang].notApplied
            : null,
      };
    }),
  };
}
