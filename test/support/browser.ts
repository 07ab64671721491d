/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The checks below run inside the page (page.evaluate), so they are typed against the DOM.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { DEMO_USERS, UNITS } from '@ngk/persistence';
import { startApi, startWorker } from './apps';
import { DEMO_PASSWORD } from './http';

/** The sizes every screen is checked at: an office screen, a phone in the field, the narrowest phone. */
export const DESKTOP = { width: 1366, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export const NARROW_PHONE = { width: 360, height: 740 } as const;
export const SIZES = { desktop: DESKTOP, phone: PHONE, narrow: NARROW_PHONE } as const;
export type SizeName = keyof typeof SIZES;

/** Debian's chromium (scripts/ensure-chromium.sh installs it); no browser download. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-artifacts/screenshots');

/** A headless browser that stays quiet: no background traffic, no updates, no sandbox (CI containers). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface BrowserApp {
  worker: INestApplicationContext;
  api: INestApplication;
  browser: Browser;
  baseUrl: string;
}

/** What a browser test file runs against: the worker, the API on a free loopback port, and Chromium. */
export async function startBrowserApp(): Promise<BrowserApp> {
  const worker = await startWorker();
  const api = await startApi();
  await api.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(api.getHttpServer().address() as AddressInfo).port}`;
  return { worker, api, browser: await launchBrowser(), baseUrl };
}

/** Stops what startBrowserApp started, whatever part of it started. */
export async function stopBrowserApp(app: Partial<BrowserApp>): Promise<void> {
  await app.browser?.close();
  await app.api?.close();
  await app.worker?.close();
}

/**
 * A browser test file's app and pages: starts the app before the file's own setup, stops it after, and closes each test's pages after it, failing the test on any
 * page error. `as` opens a page in a fresh context, signed in as the user.
 */
export function useBrowserPages(options: { viewport?: { width: number; height: number } } = {}) {
  let app: Partial<BrowserApp> = {};
  const open: { page: Page; errors: string[] }[] = [];
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 180_000);
  afterAll(async () => {
    await stopBrowserApp(app);
  });
  afterEach(async () => {
    for (const { page, errors } of open.splice(0)) {
      await page.context().close();
      expect(errors).toEqual([]);
    }
  });
  return {
    get app(): BrowserApp {
      return app as BrowserApp;
    },
    async as(username: string, viewport = options.viewport ?? DESKTOP): Promise<Page> {
      const session = await openPage(app.browser!, app.baseUrl!, { viewport });
      open.push(session);
      await signInAs(session.page, username);
      return session.page;
    },
  };
}

/** A full-page screenshot in test-artifacts/screenshots/<name>.png, for people reviewing a run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * A page in a fresh browser context (its own sessionStorage), collecting the page's errors: script
 * failures and Content-Security-Policy refusals (Chromium reports those on the console). Refused
 * requests the UI answers on purpose (a 400 it shows under a field) are the console's "Failed to load
 * resource" lines, which are left out.
 */
export async function openPage(
  browser: Browser,
  baseUrl: string,
  { viewport = DESKTOP }: { viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport, isMobile: viewport.width < 600 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return { page, errors };
}

/** Signs a demo user in through the login screen and waits for their home screen. */
export async function signInAs(page: Page, username: string): Promise<void> {
  await page.goto('/#/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor({ state: 'visible' });
  await page.waitForURL((url) => !url.hash.startsWith('#/login'));
}

/** The name the first browser tests used. */
export const signIn = signInAs;

/**
 * Fails when the page scrolls sideways: the document is wider than the window, or an element reaches
 * past the window's right edge without a scroll container of its own around it (a wide table in a
 * box that scrolls is fine; the page around it must not move).
 */
export async function expectNoOverflow(page: Page, what = page.url()): Promise<void> {
  // The size the test asked for: a phone that zoomed out to fit a wide page would hide the overflow.
  const asked = page.viewportSize()?.width ?? Infinity;
  const problems = await page.evaluate((asked) => {
    const width = Math.min(window.innerWidth, asked);
    const scrolls = (el: Element) => /auto|scroll|hidden|clip/.test(getComputedStyle(el).overflowX);
    const insideScroller = (el: Element) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        if (scrolls(up)) return true;
      }
      return false;
    };
    const describe = (el: Element) => {
      const testid = el.getAttribute('data-testid');
      const classes = [...el.classList].join('.');
      return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${classes ? `.${classes}` : ''}${testid ? `[data-testid=${testid}]` : ''}`;
    };
    const found: string[] = [];
    if (window.innerWidth > asked) found.push(`the window widened to ${window.innerWidth} px`);
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth > width) found.push(`the document is ${scrollWidth} px wide in ${width} px`);
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right <= width + 0.5) continue;
      if (insideScroller(el)) continue;
      found.push(`${describe(el)} reaches ${Math.round(box.right)} px`);
    }
    return found.slice(0, 12);
  }, asked);
  expect({ what, problems }).toEqual({ what, problems: [] });
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the page as it stands and fails on any serious or critical violation, naming the
 * rule, the elements and what to fix. axe is evaluated from the test, which the page's
 * Content-Security-Policy (no inline script) does not govern; the page itself loads nothing new.
 */
export async function expectNoSeriousAxeViolations(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }
    ).axe;
    interface AxeResults {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: string[]; failureSummary?: string }[];
      }[];
    }
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`),
      }));
  });
  expect({ screen, violations }).toEqual({ screen, violations: [] });
}

/** Roles as the API names them. */
export type Role =
  'cadre' | 'unit-officer' | 'unit-head' | 'leadership-viewer' | 'standing-committee' | 'admin';

/** What a screen's path may need: an item the signed-in user may see. */
export interface ScreenContext {
  itemId: string;
}

/** One of the web UI's dictionaries (a plain object in an ES module), as the page has it. */
export function dictionary(name: string): Record<string, string> {
  const file = path.join(__dirname, `../../apps/api/public/app/i18n/${name}.js`);
  const load = new Function(
    fs.readFileSync(file, 'utf8').replace(/^export default /m, 'return '),
  ) as () => Record<string, string>;
  return load();
}

/**
 * Names are data, shown as they were given whatever the screen's language: the demo people and the
 * units. One may read like a sentence of the UI ("Quản trị hệ thống" is the admin's name and a heading).
 */
const NAMES = new Set<string>([
  ...DEMO_USERS.map((u) => u.displayName),
  ...UNITS.flatMap((u) => [u.nameVi, u.nameEn]),
]);

/** Every text of one language's dictionaries that the other language does not also use. */
function onlyIn(lang: 'vi' | 'en'): string[] {
  const texts = (l: string) =>
    new Set(Object.values({ ...dictionary(l), ...dictionary(`errors.${l}`) }).map((v) => v.trim()));
  const mine = texts(lang);
  const other = texts(lang === 'vi' ? 'en' : 'vi');
  // Placeholders are filled in on the page; a text of one or two letters tells no language apart.
  return [...mine].filter((text) => !other.has(text) && !text.includes('{') && /\p{L}{3}/u.test(text));
}

/**
 * Fails when the page shows, in a text or in a name given to assistive technology, a sentence of the UI
 * in the language the reader did not choose: each visible text and label is compared with the texts
 * only the other language's dictionaries hold. Data (titles, unit names) is never a dictionary text.
 */
export async function expectOneLanguage(page: Page, what: string): Promise<void> {
  const lang = (await page.locator('html').getAttribute('lang')) === 'en' ? 'en' : 'vi';
  const foreign = onlyIn(lang === 'vi' ? 'en' : 'vi');
  const shown = await page.evaluate(() => {
    const texts = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      // People's names are data, whatever the language of the screen.
      if (parent?.closest('[data-testid="user-name"]')) continue;
      if (text && parent?.checkVisibility()) texts.add(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (!el.checkVisibility()) continue;
      for (const name of ['aria-label', 'title', 'placeholder']) {
        const value = el.getAttribute(name)?.trim();
        if (value) texts.add(value);
      }
    }
    texts.add(document.title.replace(/ · NGK$/, ''));
    return [...texts];
  });
  const found = shown.filter((text) => foreign.includes(text) && !NAMES.has(text));
  expect({ what, lang, otherLanguage: found }).toEqual({ what, lang, otherLanguage: [] });
}

/** Follows a link of the menu, opening the menu first where it is folded (on a phone). */
export async function clickNav(page: Page, name: string): Promise<void> {
  const toggle = page.getByTestId('menu-toggle');
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true')
    await toggle.click();
  await page.getByTestId(`nav-${name}`).click();
}

/** One screen of the web UI: where it is, who may open it, and what shows it has finished loading. */
export interface Screen {
  name: string;
  /** The route the UI draws it under (`data-screen`), when not the name. */
  route?: string;
  roles: readonly Role[];
  /** For a unit-officer or unit-head: only the staff of these units (codes) are offered the screen. */
  units?: readonly string[];
  path: (context: ScreenContext) => string;
  /** A selector that appears once the screen has drawn what it loads. */
  ready: string;
}

/**
 * Every screen a signed-in user can reach, by role; the browser tests visit each at both sizes.
 * A new screen is one more entry here.
 */
export const SCREENS: readonly Screen[] = [
  {
    name: 'submit',
    roles: ['cadre'],
    path: () => '/#/submit',
    ready: '[data-testid="submit-form"]',
  },
  {
    name: 'mine',
    roles: ['cadre'],
    path: () => '/#/mine',
    ready: '[data-testid="mine-list-paged"][data-loaded="true"]',
  },
  {
    name: 'cadre-reports',
    roles: ['cadre'],
    path: () => '/#/cadre-reports',
    ready: '[data-testid="creport-list"]',
  },
  {
    name: 'report-board',
    roles: ['unit-officer', 'unit-head'],
    units: ['organization-board'],
    path: () => '/#/report-board',
    ready: '[data-testid="board-body"]',
  },
  {
    name: 'inbox',
    roles: ['unit-officer', 'unit-head', 'standing-committee'],
    path: () => '/#/inbox',
    ready: '[data-testid="page-title"]',
  },
  {
    name: 'directives',
    roles: ['standing-committee'],
    path: () => '/#/directives',
    ready: '[data-testid="directive-list-paged"][data-loaded="true"]',
  },
  {
    name: 'items',
    roles: ['cadre', 'unit-officer', 'unit-head', 'leadership-viewer', 'standing-committee', 'admin'],
    path: () => '/#/items',
    ready: '[data-testid="items-list-paged"][data-loaded="true"]',
  },
  {
    name: 'dashboard',
    roles: ['leadership-viewer', 'standing-committee', 'admin', 'unit-head', 'unit-officer'],
    path: () => '/#/dashboard',
    ready: '[data-testid="dashboard-body"][data-loaded="true"]',
  },
  {
    name: 'item',
    roles: ['cadre', 'unit-officer', 'unit-head', 'leadership-viewer', 'standing-committee', 'admin'],
    path: ({ itemId }) => `/#/item/${itemId}`,
    ready: '[data-testid="timeline"]',
  },
  {
    name: 'meetings',
    roles: ['cadre'],
    path: () => '/#/meetings',
    ready: '[data-testid="meeting-list"]',
  },
  {
    name: 'attendance',
    roles: ['unit-officer', 'unit-head', 'standing-committee'],
    units: ['organization-board'],
    path: () => '/#/attendance',
    ready: '[data-testid="board-units"][data-loaded="true"]',
  },
  {
    name: 'record',
    roles: ['cadre', 'unit-officer', 'unit-head', 'standing-committee'],
    units: ['organization-board'],
    path: () => '/#/record',
    ready: '[data-testid="record-body"][data-loaded="true"]',
  },
  {
    name: 'sc-meetings',
    roles: ['unit-officer', 'unit-head', 'standing-committee'],
    units: ['party-office'],
    path: () => '/#/sc-meetings',
    ready: '[data-testid="sc-meeting-list"]',
  },
  ...(['users', 'units', 'rules', 'sla', 'calendar', 'templates'] as const).map((section) => ({
    name: `admin-${section}`,
    route: 'admin',
    roles: ['admin'] as const,
    path: () => `/#/admin/${section}`,
    ready: `[data-testid="admin-${section}"]`,
  })),
];

/** The screens `role` may open, in menu order; with `unitCode`, those of that unit's staff too. */
export function screensFor(role: Role, unitCode?: string): Screen[] {
  // As the web UI decides (shell.js screenOpenTo): a screen's units narrow its unit staff only.
  const unitStaff = role === 'unit-officer' || role === 'unit-head';
  return SCREENS.filter(
    (screen) =>
      screen.roles.includes(role) &&
      (!screen.units || !unitStaff || (!!unitCode && screen.units.includes(unitCode))),
  );
}

/**
 * Opens the dashboard filtered by `filter` and waits for its figures. The hash changes within the page,
 * so the dashboard drawn before may still show its own figures for a moment: the wait is for the one
 * drawn under the new filter, whose form holds each value asked for.
 */
export async function openDashboard(page: Page, filter: Record<string, string>): Promise<void> {
  await page.goto(`/#/dashboard?${new URLSearchParams(filter)}`);
  await page.waitForFunction((expected) => {
    const form = document.querySelector<HTMLFormElement>('[data-testid="dashboard-filters"]');
    return (
      !!form &&
      Object.entries(expected).every(
        ([name, value]) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value === value,
      )
    );
  }, filter);
  await page.locator('[data-testid="dashboard-body"][data-loaded="true"]').waitFor();
}

/**
 * Reloads the page until `ready` holds: the workflow moves on its own time, and the UI shows what the
 * API knows when the screen is drawn.
 */
export async function reloadUntil(
  page: Page,
  ready: () => Promise<boolean>,
  { timeoutMs = 60_000, what = 'the expected state' } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`the page did not show ${what} within ${timeoutMs} ms`);
    await page.waitForTimeout(500);
    await page.reload();
    await page.waitForLoadState('networkidle');
  }
}
