import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { formBanner, showError, withProgress } from '../forms.js';
import { date, number } from '../format.js';
import { label, nameOf, t } from '../i18n.js';
import { currentUnits, referenceData } from '../refdata.js';
import { href, navigate } from '../router.js';
import { flash } from '../shell.js';
import { cell } from './lists.js';
import { meetingEntryForm, outcomeBadge, periodFields } from './meeting-parts.js';

/** One meeting's row: its day and title, then each cadre expected and how they attended. */
function meetingRow(meeting) {
  const missed = meeting.attendance.some((a) => a.outcome === 'missed');
  return h(
    'tr',
    { 'data-testid': 'board-meeting', 'data-id': meeting.id, class: missed ? 'missed' : null },
    cell('meetings.heldOn', date(meeting.heldOn)),
    // One block, so a card on a phone keeps the kind under the title.
    cell(
      'meetings.title',
      h('div', {}, meeting.title, h('div', { class: 'muted' }, label('meetingKind', meeting.kind))),
    ),
    cell(
      'attendanceBoard.cadres',
      meeting.attendance.length
        ? h(
            'ul',
            { class: 'plain' },
            meeting.attendance.map((a) =>
              h(
                'li',
                {
                  'data-testid': 'board-attendance',
                  'data-cadre': a.cadreUsername,
                  'data-outcome': a.outcome,
                },
                h('a', { href: href(`record`, { cadre: a.cadreId }) }, a.cadreName),
                ' ',
                outcomeBadge(a.outcome),
                a.reason || a.delegateName
                  ? h('span', { class: 'muted' }, ` ${a.reason ?? a.delegateName}`)
                  : null,
              ),
            ),
          )
        : h('span', { class: 'muted' }, t('attendanceBoard.noCadre')),
    ),
  );
}

function unitSection(unit, refs) {
  return h(
    'section',
    { class: 'card', 'data-testid': 'board-unit', 'data-unit': unit.unitId },
    h('h2', {}, nameOf(refs.unitById.get(unit.unitId)) || unit.unitNameVi),
    h(
      'p',
      {},
      t('attendanceBoard.counts', {
        attended: number(unit.counts.attended),
        delegated: number(unit.counts.delegated),
        absent: number(unit.counts.absent),
        missed: number(unit.counts.missed),
      }),
    ),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        // Cards on a phone, as every list.
        { class: 'cards' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [t('meetings.heldOn'), t('meetings.title'), t('attendanceBoard.cadres')].map((c) =>
              h('th', { scope: 'col' }, c),
            ),
          ),
        ),
        h('tbody', {}, unit.meetings.map(meetingRow)),
      ),
    ),
  );
}

/** The Organization Board's staff generate the quarter's meetings by policy; a second run adds nothing. */
function generateForm(picker) {
  const button = h(
    'button',
    { type: 'button', 'data-testid': 'generate-meetings' },
    t('attendanceBoard.generate'),
  );
  const form = h(
    'form',
    { class: 'form', novalidate: true },
    formBanner(),
    h('div', { class: 'form-actions' }, button),
  );
  button.addEventListener('click', () => {
    const { year, quarter } = picker.period();
    void withProgress(button, async () => {
      try {
        const done = await api('/api/meetings/generate', {
          method: 'POST',
          body: { year: Number(year), quarter: Number(quarter) },
        });
        flash(
          t('attendanceBoard.generated', { created: number(done.created), existing: number(done.existing) }),
        );
        navigate(location.hash);
      } catch (err) {
        showError(form, err);
      }
    });
  });
  return form;
}

/** The Organization Board's view: per commune, the period's meetings and who attended; missed ones in red. */
export async function attendanceScreen(container, { user, query }) {
  const refs = await referenceData();
  const picker = periodFields(refs.today, query);
  const answer = await api('/api/meetings/overview', { query: picker.period() });
  for (const input of picker.inputs)
    input.addEventListener('change', () => navigate(href('attendance', picker.period())));
  replace(
    container,
    h('div', { class: 'page-head' }, h('h1', { 'data-testid': 'page-title' }, t('nav.attendance'))),
    h(
      'p',
      { class: answer.totals.missed > 0 ? 'banner banner-error' : 'muted', 'data-testid': 'board-totals' },
      t('attendanceBoard.totals', {
        missed: number(answer.totals.missed),
        pending: number(answer.totals.pending),
      }),
    ),
    h('div', { class: 'form-row' }, picker.wrappers),
    // The policy's meetings are made a quarter at a time.
    user.role === 'standing-committee' || !picker.period().quarter ? null : generateForm(picker),
    // The Standing Committee records its own quarterly meetings with localities, as communes do theirs.
    user.role === 'standing-committee'
      ? meetingEntryForm({
          kinds: ['sc-locality-quarterly'],
          units: currentUnits(refs.units, refs.today).filter((u) => ['commune', 'district'].includes(u.kind)),
          today: refs.today,
          summary: t('attendanceBoard.enterStanding'),
          unitLabel: t('meetings.locality'),
        })
      : null,
    h(
      'div',
      { 'data-testid': 'board-units', 'data-loaded': 'true' },
      answer.units.length
        ? answer.units.map((u) => unitSection(u, refs))
        : h('p', { class: 'empty' }, t('meetings.empty')),
    ),
  );
}
