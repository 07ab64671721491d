import { describeError } from './forms.js';
import { h, replace } from './dom.js';
import { currentLang, onLangChange, setLang, t } from './i18n.js';
import { match, navigate, rerender, route, startRouter } from './router.js';
import { api } from './api.js';
import { clearSession, currentUser, refreshSession, updateUser } from './session.js';
import {
  clearBanner,
  flash,
  homeFor,
  mayOpen,
  renderShell,
  showBanner,
  signOut,
  takeFlash,
} from './shell.js';
import { adminScreen } from './views/admin/admin.js';
import { cadreReportsScreen } from './views/cadre-reports.js';
import { reportBoardScreen } from './views/report-board.js';
import { attendanceScreen } from './views/attendance.js';
import { recordScreen } from './views/cadre-record.js';
import { dashboardScreen } from './views/dashboard.js';
import { directivesScreen } from './views/directives.js';
import { inboxScreen } from './views/inbox.js';
import { itemScreen } from './views/item.js';
import { itemsScreen } from './views/items.js';
import { loginScreen } from './views/login.js';
import { meetingsScreen } from './views/meetings.js';
import { mineScreen } from './views/mine.js';
import { notificationsScreen } from './views/notifications.js';
import { scMeetingsScreen } from './views/sc-meetings.js';
import { submitScreen } from './views/submit.js';

route('login', loginScreen);
route('submit', submitScreen);
route('mine', mineScreen);
route('inbox', inboxScreen);
route('item/:id', itemScreen);
route('items', itemsScreen);
route('dashboard', dashboardScreen);
route('directives', directivesScreen);
route('admin', adminScreen);
route('admin/:section', adminScreen);
route('notifications', notificationsScreen);
route('cadre-reports', cadreReportsScreen);
route('cadre-reports/:id', cadreReportsScreen);
route('report-board', reportBoardScreen);
route('report-board/:id', reportBoardScreen);
route('meetings', meetingsScreen);
route('attendance', attendanceScreen);
route('record', recordScreen);
route('sc-meetings', scMeetingsScreen);
route('sc-meetings/:id', scMeetingsScreen);

// Each render gets a number, so a slow screen that finishes after the user moved on stays silent.
let renderCount = 0;
// The hash last drawn: a redraw of the same one (a language switch, an action done) keeps the focus.
let shownHash = null;

async function render() {
  const found = match();
  const user = currentUser();
  if (!user && found?.name !== 'login') {
    const next = found ? location.hash : '';
    location.replace(next ? `#/login?next=${encodeURIComponent(next)}` : '#/login');
    return;
  }
  if (!found || (user && found.name === 'login') || !mayOpen(user, found.name)) {
    location.replace(homeFor(user));
    return;
  }
  renderShell(found.name);
  clearBanner();
  const message = takeFlash();
  if (message) showBanner(message, 'success');
  const view = document.getElementById('view');
  const screen = h(
    'div',
    { class: 'screen', 'data-screen': found.name },
    h('p', { class: 'muted' }, t('app.loading')),
  );
  replace(view, screen);
  const mine = ++renderCount;
  const moved = location.hash !== shownHash;
  shownHash = location.hash;
  try {
    await found.screen(screen, { ...found, user, isCurrent: () => mine === renderCount });
  } catch (err) {
    if (mine !== renderCount) return;
    screen.querySelector(':scope > .muted')?.remove();
    showBanner(describeError(err));
  }
  if (mine === renderCount) announceScreen(screen, found.name, moved);
}

/**
 * The tab's title names the screen (its heading, so an item's title too), and after a move to another
 * screen the focus goes to that heading: a screen reader reads where the user arrived, and Tab
 * continues from there rather than from the link left behind.
 */
function announceScreen(screen, name, moved) {
  const heading = screen.querySelector('h1');
  const text = heading?.textContent.trim() || t(`nav.${name}`, null, t('app.name'));
  document.title = `${text} · ${t('app.name')}`;
  if (!moved) return;
  const target = heading ?? document.getElementById('view');
  if (target !== document.getElementById('view')) target.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: true });
}

window.addEventListener('ngk:signed-out', () => {
  flash(t('error.expired'));
  navigate('#/login');
});

onLangChange(() => rerender());

document
  .getElementById('lang-toggle')
  .addEventListener('click', () => setLang(currentLang() === 'vi' ? 'en' : 'vi'));

// The skip link moves the focus only: following its #view would leave the hash router's paths.
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  document.getElementById('view').focus();
});

const menuToggle = document.getElementById('menu-toggle');
menuToggle.addEventListener('click', () =>
  menuToggle.setAttribute('aria-expanded', String(menuToggle.getAttribute('aria-expanded') !== 'true')),
);
// The folded menu closes as menus do: Escape (focus back on its button) or a tap outside the header.
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || menuToggle.getAttribute('aria-expanded') !== 'true') return;
  menuToggle.setAttribute('aria-expanded', 'false');
  menuToggle.focus();
});
document.addEventListener('click', (event) => {
  if (menuToggle.getAttribute('aria-expanded') !== 'true') return;
  if (!event.target.closest('.app-header')) menuToggle.setAttribute('aria-expanded', 'false');
});

const logoutButton = document.getElementById('logout');
logoutButton.addEventListener('click', async () => {
  logoutButton.disabled = true;
  await signOut();
  logoutButton.disabled = false;
  clearSession();
  flash(t('login.signedOut'));
  navigate('#/login');
});

/** A page opened (or reloaded) on a browser that is signed in: the session cookie gives a new token. */
async function restoreSession() {
  if (!(await refreshSession())) return;
  try {
    updateUser({ ...currentUser(), ...(await api('/api/auth/me')) });
  } catch {
    // A 401 already signed out; other failures leave the user the refresh answered.
  }
}

await restoreSession();
startRouter(render);
