import { describeError } from './forms.js';
import { h, replace } from './dom.js';
import { currentLang, onLangChange, setLang, t } from './i18n.js';
import { match, navigate, rerender, route, startRouter } from './router.js';
import { api } from './api.js';
import { clearSession, currentUser, token, updateUser } from './session.js';
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
import { dashboardScreen } from './views/dashboard.js';
import { directivesScreen } from './views/directives.js';
import { inboxScreen } from './views/inbox.js';
import { itemScreen } from './views/item.js';
import { loginScreen } from './views/login.js';
import { mineScreen } from './views/mine.js';
import { notificationsScreen } from './views/notifications.js';
import { submitScreen } from './views/submit.js';

route('login', loginScreen);
route('submit', submitScreen);
route('mine', mineScreen);
route('inbox', inboxScreen);
route('item/:id', itemScreen);
route('dashboard', dashboardScreen);
route('directives', directivesScreen);
route('notifications', notificationsScreen);

// Each render gets a number, so a slow screen that finishes after the user moved on stays silent.
let renderCount = 0;

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
  try {
    await found.screen(screen, { ...found, user, isCurrent: () => mine === renderCount });
  } catch (err) {
    if (mine !== renderCount) return;
    screen.querySelector(':scope > .muted')?.remove();
    showBanner(describeError(err));
  }
}

window.addEventListener('ngk:signed-out', () => {
  flash(t('error.expired'));
  navigate('#/login');
});

onLangChange(() => rerender());

document
  .getElementById('lang-toggle')
  .addEventListener('click', () => setLang(currentLang() === 'vi' ? 'en' : 'vi'));

const logoutButton = document.getElementById('logout');
logoutButton.addEventListener('click', async () => {
  logoutButton.disabled = true;
  await signOut();
  logoutButton.disabled = false;
  clearSession();
  flash(t('login.signedOut'));
  navigate('#/login');
});

/** A kept session is checked once: the role or unit may have changed, the token may have been revoked. */
async function refreshUser() {
  if (!token()) return;
  try {
    updateUser({ ...currentUser(), ...(await api('/api/auth/me')) });
  } catch {
    // A 401 already signed out; other failures leave the kept user as it was.
  }
}

await refreshUser();
startRouter(render);
