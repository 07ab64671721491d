import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { describeError, field, formBanner, onSubmit } from '../forms.js';
import { date, plural } from '../format.js';
import { label, t } from '../i18n.js';
import { serverToday } from '../refdata.js';
import { navigate } from '../router.js';
import { meetingScreen } from './sc-meeting.js';

/** What waits for the secretariat at a meeting: freezing its agenda, or rulings still to record. */
function waiting(meeting) {
  if (meeting.status === 'draft') return t('sc.waits.freeze');
  const left = meeting.lineCount - meeting.ruledCount;
  return meeting.status === 'frozen' && left > 0 ? plural('sc.waits.rulings', left) : null;
}

function meetingCard(meeting) {
  const waits = waiting(meeting);
  return h(
    'li',
    { class: 'card', 'data-testid': 'sc-meeting', 'data-id': meeting.id, 'data-status': meeting.status },
    h('a', { href: `#/sc-meetings/${meeting.id}` }, h('strong', {}, meeting.title)),
    h(
      'p',
      { class: 'muted' },
      `${date(meeting.date)} · ${label('scStatus', meeting.status)} · ${t('sc.ruledOf', {
        ruled: meeting.ruledCount,
        total: meeting.lineCount,
      })}`,
    ),
    waits ? h('p', { class: 'badge badge-overdue', 'data-testid': 'sc-waits' }, waits) : null,
  );
}

/** A new meeting: its date and title; the agenda starts as the proposal. */
async function createForm() {
  const today = await serverToday();
  const day = field({
    name: 'date',
    labelText: t('sc.date'),
    type: 'date',
    required: true,
    attrs: { value: today },
  });
  const title = field({ name: 'title', labelText: t('sc.titleField'), required: true });
  const form = h(
    'form',
    { class: 'form', 'data-testid': 'sc-create', novalidate: true },
    h('h2', {}, t('sc.create')),
    formBanner(),
    day.wrapper,
    title.wrapper,
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'button-primary' }, t('sc.createButton')),
    ),
  );
  onSubmit(
    form,
    () =>
      api('/api/sc-meetings', { method: 'POST', body: { date: day.input.value, title: title.input.value } }),
    (meeting) => navigate(`#/sc-meetings/${meeting.id}`),
  );
  return form;
}

/**
 * The Standing Committee's meetings, for the committee and the Party Office: each with what waits on it,
 * and a new one; `#/sc-meetings/<id>` opens one meeting's agenda.
 */
export async function scMeetingsScreen(container, { params }) {
  if (params.id) return meetingScreen(container, params.id);
  const status = h('p', { class: 'muted' }, t('app.loading'));
  replace(
    container,
    h('h1', { 'data-testid': 'page-title' }, t('sc.title')),
    h('p', { class: 'muted' }, t('sc.intro')),
    status,
  );
  try {
    const [meetings, form] = await Promise.all([api('/api/sc-meetings'), createForm()]);
    const list = meetings.length
      ? h('ul', { class: 'plain cards', 'data-testid': 'sc-meeting-list' }, meetings.map(meetingCard))
      : h('p', { class: 'muted', 'data-testid': 'sc-meeting-list' }, t('sc.empty'));
    replace(status);
    status.hidden = true;
    container.append(list, form);
  } catch (err) {
    replace(status, describeError(err));
    status.className = 'banner banner-error';
  }
}
