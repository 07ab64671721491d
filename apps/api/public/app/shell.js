import { api } from './api.js';
import { renderBell } from './bell.js';
import { h, replace } from './dom.js';
import { date } from './format.js';
import { currentLang, label, t } from './i18n.js';
import { currentUser } from './session.js';

// The page around the screens: navigation by role, language switch, user, banner and footer.

/**
 * The screens, in menu order, and the roles that may open them; `units`, when given, narrows a
 * unit-officer's or unit-head's access to the staff of the units with those codes.
 */
export const SCREENS = [
  { name: 'submit', roles: ['cadre'] },
  { name: 'mine', roles: ['cadre'] },
  { name: 'cadre-reports', roles: ['cadre'] },
  { name: 'inbox', roles: ['unit-officer', 'unit-head', 'standing-committee'] },
  { name: 'directives', roles: ['standing-committee'] },
  {
    name: 'items',
    roles: ['cadre', 'unit-officer', 'unit-head', 'standing-committee', 'leadership-viewer', 'admin'],
  },
  {
    name: 'dashboard',
    roles: ['leadership-viewer', 'standing-committee', 'admin', 'unit-head', 'unit-officer'],
  },
  { name: 'report-board', roles: ['unit-officer', 'unit-head'], units: ['organization-board'] },
  { name: 'meetings', roles: ['cadre'] },
  {
    name: 'attendance',
    roles: ['unit-officer', 'unit-head', 'standing-committee'],
    units: ['organization-board'],
  },
  {
    name: 'record',
    roles: ['cadre', 'unit-officer', 'unit-head', 'standing-committee'],
    units: ['organization-board'],
  },
  {
    name: 'sc-meetings',
    roles: ['standing-committee', 'unit-officer', 'unit-head'],
    units: ['party-office'],
  },
  { name: 'admin', roles: ['admin'] },
];

/** Roles whose screens may be limited to some units (a screen's `units`: unit codes). */
const UNIT_STAFF = ['unit-officer', 'unit-head'];

/**
 * Whether a screen is open to a user: by role, and for unit staff by their unit's code when the screen
 * names units (the Organization Board's screens); the API decides the same on every request.
 */
export function screenOpenTo(screen, user) {
  if (!user || !screen.roles.includes(user.role)) return false;
  return !screen.units || !UNIT_STAFF.includes(user.role) || screen.units.includes(user.unitCode);
}

/** Where a user lands after signing in. */
export function homeFor(user) {
  const home = {
    cadre: 'mine',
    'unit-officer': 'inbox',
    'unit-head': 'inbox',
    'standing-committee': 'directives',
  };
  return `#/${home[user?.role] ?? 'dashboard'}`;
}

export function mayOpen(user, screenName) {
  const screen = SCREENS.find((s) => s.name === screenName);
  return !screen || screenOpenTo(screen, user);
}

export function renderShell(activeScreen) {
  const user = currentUser();
  replace(
    document.getElementById('nav'),
    user
      ? SCREENS.filter((s) => screenOpenTo(s, user)).map((s) =>
          h(
            'a',
            {
              href: `#/${s.name}`,
              'data-testid': `nav-${s.name}`,
              'aria-current': s.name === activeScreen ? 'page' : null,
            },
            t(`nav.${s.name}`),
          ),
        )
      : [],
  );
  document.getElementById('nav').setAttribute('aria-label', t('app.nav'));
  // On a phone the menu folds behind one button; each new screen starts with it folded.
  const menu = document.getElementById('menu-toggle');
  menu.textContent = t('app.menu');
  menu.hidden = !user;
  menu.setAttribute('aria-expanded', 'false');
  replace(
    document.getElementById('user'),
    user ? [h('strong', {}, user.displayName ?? user.username), ' · ', label('role', user.role)] : [],
  );
  const toggle = document.getElementById('lang-toggle');
  toggle.textContent = t('app.switchLang');
  toggle.title = t('app.switchLangTitle');
  // The spoken name starts with the visible text, so a voice command "EN" finds the button.
  toggle.setAttribute('aria-label', t('app.switchLangLabel'));
  toggle.setAttribute('lang', currentLang() === 'vi' ? 'en' : 'vi');
  const logout = document.getElementById('logout');
  logout.textContent = t('app.logout');
  logout.hidden = !user;
  document.getElementById('skip-link').textContent = t('app.skip');
  document.getElementById('docs-link').textContent = t('footer.docs');
  renderBell();
  void renderHealth();
  void renderEdition();
}

let editionShown = null;

/**
 * Which province and date the reference data describes, in the footer of every screen; on demo data a
 * strip under the header says so too, and that names marked "(tên minh họa)" are not official.
 */
async function renderEdition() {
  editionShown ??= fetch('/api/reference-data/edition')
    .then((res) => (res.ok ? res.json() : null))
    .catch(() => null);
  const edition = await editionShown;
  const footer = document.getElementById('edition');
  const strip = document.getElementById('demo-strip');
  if (!edition?.province) {
    replace(footer);
    strip.hidden = true;
    return;
  }
  const described = t('edition.describes', {
    province: currentLang() === 'vi' ? edition.province.nameVi : edition.province.nameEn,
    since: date(edition.since),
  });
  replace(footer, described);
  strip.hidden = !edition.demo;
  if (edition.demo)
    replace(strip, h('strong', {}, t('edition.demo')), ' ', described, '. ', t('edition.demoNames'));
}

let healthShown = null;

/** PostgreSQL and Temporal as the API reports them; checked once per page load. */
async function renderHealth() {
  const el = document.getElementById('health');
  healthShown ??= fetch('/health')
    .then((res) => res.json())
    .catch(() => null);
  const health = await healthShown;
  if (!health) {
    replace(el, h('span', { class: 'dot dot-down' }), `${t('health.label')}: ${t('health.unreachable')}`);
    return;
  }
  const parts = Object.entries({ ...(health.info ?? {}), ...(health.error ?? {}) });
  replace(
    el,
    `${t('health.label')}: `,
    parts.map(([name, value]) =>
      h(
        'span',
        { class: 'health-part' },
        h('span', { class: `dot dot-${value.status === 'up' ? 'up' : 'down'}`, 'aria-hidden': 'true' }),
        `${t(`health.${name}`, null, name)} ${t(`health.${value.status === 'up' ? 'up' : 'down'}`)}`,
      ),
    ),
  );
}

/** The page banner, for what concerns the whole screen (a refusal, a load failure, a confirmation). */
export function showBanner(text, kind = 'error') {
  const banner = document.getElementById('banner');
  banner.className = `banner banner-${kind}`;
  banner.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  replace(banner, text);
  banner.hidden = !text;
}

export function clearBanner() {
  showBanner('');
}

let pendingFlash = null;

/** A confirmation shown on the next screen (after a redirect). */
export function flash(text) {
  pendingFlash = text;
}

export function takeFlash() {
  const text = pendingFlash;
  pendingFlash = null;
  return text;
}

export async function signOut() {
  try {
    await api('/api/auth/logout', { method: 'POST' });
  } catch {
    // The token may already be invalid: signing out locally is what matters.
  }
}
