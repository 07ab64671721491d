import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { field, formBanner, onSubmit } from '../forms.js';
import { date } from '../format.js';
import { label, nameOf, t } from '../i18n.js';
import { referenceData } from '../refdata.js';
import { href, navigate } from '../router.js';
import { flash } from '../shell.js';
import { meetingEntryForm, outcomeBadge, periodFields } from './meeting-parts.js';

const COMMUNE_KINDS = ['commune-quarterly', 'commune-six-month', 'commune-year-end'];
const STATUSES = ['attended', 'absent', 'delegated'];

/** The attendance form of one meeting: the reason shows for an absence, the name for a delegation. */
function attendanceForm(meeting) {
  const status = field({
    name: 'status',
    labelText: t('meetings.status'),
    control: 'select',
    options: STATUSES.map((s) => ({ value: s, label: label('attendance', s) })),
    attrs: { value: meeting.status ?? 'attended', 'data-testid': 'attendance-status' },
  });
  const reason = field({ name: 'reason', labelText: t('meetings.reason'), attrs: { value: meeting.reason } });
  const delegate = field({
    name: 'delegateName',
    labelText: t('meetings.delegateName'),
    attrs: { value: meeting.delegateName },
  });
  const note = field({ name: 'note', labelText: t('meetings.note'), attrs: { value: meeting.note } });
  const show = () => {
    reason.wrapper.hidden = status.input.value !== 'absent';
    delegate.wrapper.hidden = status.input.value !== 'delegated';
  };
  status.input.addEventListener('change', show);
  show();
  const form = h(
    'form',
    { class: 'form', novalidate: true, 'data-testid': 'attendance-form' },
    formBanner(),
    status.wrapper,
    reason.wrapper,
    delegate.wrapper,
    note.wrapper,
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        { type: 'submit', class: 'button-primary', 'data-testid': 'attendance-save' },
        t('meetings.save'),
      ),
    ),
  );
  onSubmit(
    form,
    () =>
      api(`/api/meetings/${meeting.id}/attendance`, {
        method: 'PUT',
        body: {
          status: status.input.value,
          ...(status.input.value === 'absent' ? { reason: reason.input.value } : {}),
          ...(status.input.value === 'delegated' ? { delegateName: delegate.input.value } : {}),
          ...(note.input.value.trim() ? { note: note.input.value } : {}),
        },
      }),
    () => {
      flash(t('meetings.saved'));
      navigate(location.hash);
    },
  );
  return form;
}

function meetingCard(meeting, refs) {
  const unit = refs.unitById.get(meeting.unitId);
  return h(
    'li',
    { class: 'card', 'data-testid': 'meeting', 'data-id': meeting.id, 'data-outcome': meeting.outcome },
    h(
      'p',
      {},
      h('strong', {}, date(meeting.heldOn)),
      ' · ',
      unit ? nameOf(unit) : meeting.unitNameVi,
      ' ',
      outcomeBadge(meeting.outcome),
    ),
    h('p', {}, meeting.title),
    h('p', { class: 'muted' }, label('meetingKind', meeting.kind)),
    meeting.recordable ? attendanceForm(meeting) : h('p', { class: 'muted' }, t('meetings.notYet')),
  );
}

/** A meeting of one of the cadre's communes, entered by the cadre. */
function enterForm(user, refs, today) {
  const communes = (user.followedUnitIds ?? []).map((id) => refs.unitById.get(id)).filter(Boolean);
  return meetingEntryForm({ kinds: COMMUNE_KINDS, units: communes, today, summary: t('meetings.enter') });
}

/**
 * "Lịch họp": the meetings of the cadre's communes in a period, what waits for their attendance, and
 * a form per meeting to record it.
 */
export async function meetingsScreen(container, { user, query }) {
  const refs = await referenceData();
  const picker = periodFields(refs.today, query);
  const answer = await api('/api/meetings/mine', { query: picker.period() });
  for (const input of picker.inputs)
    input.addEventListener('change', () => navigate(href('meetings', picker.period())));
  replace(
    container,
    h('div', { class: 'page-head' }, h('h1', { 'data-testid': 'page-title' }, t('nav.meetings'))),
    h(
      'p',
      { class: answer.waiting > 0 ? 'banner banner-error' : 'muted', 'data-testid': 'meetings-waiting' },
      answer.waiting > 0 ? t('meetings.waiting', { n: answer.waiting }) : t('meetings.nothingWaiting'),
    ),
    h('div', { class: 'form-row' }, picker.wrappers),
    answer.meetings.length
      ? h(
          'ul',
          { class: 'plain', 'data-testid': 'meeting-list' },
          answer.meetings.map((m) => meetingCard(m, refs)),
        )
      : h('p', { class: 'empty', 'data-testid': 'meeting-list' }, t('meetings.empty')),
    enterForm(user, refs, answer.today),
  );
}
