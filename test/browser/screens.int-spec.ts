import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  expectNoOverflow,
  expectNoSeriousAxeViolations,
  expectOneLanguage,
  openPage,
  reloadUntil,
  screensFor,
  screenshot,
  signInAs,
  SIZES,
  startBrowserApp,
  stopBrowserApp,
  type Role,
  type SizeName,
} from '../support/browser';

const STEP_TIMEOUT = 180_000;

/** One demo account per role (libs/persistence/src/seed/reference-data.ts); the unit staff are DARD's. */
const ACCOUNTS: Record<Role, string> = {
  cadre: 'cadre.phongnam',
  'unit-officer': 'officer.dard',
  'unit-head': 'head.dard',
  'leadership-viewer': 'viewer.leadership',
  'standing-committee': 'member.standing',
  admin: 'admin',
};

/**
 * Whom the walk signs in as: one account per role, and the staff of the units with screens of their own
 * (the Organization Board follows reports, meetings and records; the Party Office keeps the agenda).
 */
const WALKERS: { role: Role; username: string; unitCode?: string; seesItem?: false }[] = [
  ...(Object.keys(ACCOUNTS) as Role[]).map((role) => ({
    role,
    username: ACCOUNTS[role],
    unitCode: role === 'unit-officer' || role === 'unit-head' ? 'dard' : undefined,
  })),
  // Their units hold none of the walk's items: the item's screen is walked by the others.
  { role: 'unit-officer', username: 'officer.organization', unitCode: 'organization-board', seesItem: false },
  { role: 'unit-officer', username: 'officer.partyoffice', unitCode: 'party-office', seesItem: false },
];

/**
 * Every screen as each role sees it, on an office screen (1366×900) and phones (390×844, 360×740): it loads
 * without a script error or CSP refusal, nothing scrolls sideways, axe-core finds nothing serious, the
 * tab's title names the screen and the focus lands on its heading. The cadre's part is done on the
 * phone, as in the field: a recommendation submitted with the commune already chosen, which the unit
 * then acknowledges and a coordinating unit answers with its opinion.
 */
describe('every screen, for every role, on an office screen and on phones', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  const open: { page: Page; errors: string[] }[] = [];

  const marker = `ph${randomUUID().slice(0, 6)}`;
  const title = `Kênh nội đồng ấp 3 bị bồi lắng ${marker}`;
  const note = 'Thống nhất nạo vét; đề nghị lồng ghép vốn thủy lợi nội đồng năm sau, ưu tiên đoạn đầu kênh.';
  let itemId = '';

  beforeAll(async () => {
    ({ worker, api, browser, baseUrl } = await startBrowserApp());
  });

  afterAll(async () => {
    await stopBrowserApp({ browser, api, worker });
  });

  afterEach(async () => {
    for (const { page, errors } of open.splice(0)) {
      await page.context().close();
      expect(errors).toEqual([]);
    }
  });

  async function newPage(size: SizeName): Promise<Page> {
    const session = await openPage(browser, baseUrl, { viewport: SIZES[size] });
    open.push(session);
    return session.page;
  }

  const statusOf = (page: Page) => page.getByTestId('item-status').getAttribute('data-status');

  /** How many lines a cell's text takes, as the browser laid it out. */
  function linesOf(cell: Locator): Promise<number> {
    return cell.evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
  }

  /** The title, the focus and the three checks every screen gets. */
  async function checkScreen(page: Page, name: string): Promise<void> {
    const heading = page.locator('.screen h1');
    const text = (await heading.textContent())?.trim() ?? '';
    expect(text).not.toBe('');
    expect(await page.title()).toBe(`${text} · NGK`);
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, name);
    await expectNoOverflow(page, name);
    await expectNoSeriousAxeViolations(page, name);
    await expectOneLanguage(page, name);
  }

  it(
    'shows the sign-in screen at every size',
    async () => {
      for (const size of Object.keys(SIZES) as SizeName[]) {
        const page = await newPage(size);
        await page.goto('/#/login');
        await page.getByTestId('login-username').waitFor();
        await checkScreen(page, `login-${size}`);
      }
    },
    STEP_TIMEOUT,
  );

  it(
    'lets a cadre submit from a phone, with the commune they follow already chosen',
    async () => {
      const page = await newPage('phone');
      await signInAs(page, ACCOUNTS.cadre);
      // The first screen has drawn once the focus is on its heading: until then, its drawing would take
      // the focus from the menu's button.
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1');

      // The menu folds behind one button on a phone.
      expect(await page.getByTestId('nav-submit').isVisible()).toBe(false);
      const toggle = page.getByTestId('menu-toggle');
      // Escape closes it again, with the focus back on its button.
      await toggle.click();
      await page.keyboard.press('Escape');
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      await screenshot(page, 'cadre-menu-phone');
      await page.getByTestId('nav-submit').click();
      await page.getByTestId('submit-form').waitFor();
      expect(await page.getByTestId('nav-submit').isVisible()).toBe(false);

      // The commune the cadre follows comes first and is chosen.
      const locality = page.getByTestId('input-localityUnitId');
      const chosen = await locality.evaluate((el: HTMLSelectElement) => ({
        label: el.selectedOptions[0]?.textContent,
        group: (el.selectedOptions[0]?.parentElement as HTMLOptGroupElement | null)?.label,
        firstGroup: el.querySelector('optgroup')?.label,
        times: [...el.options].filter((o) => o.textContent === 'Xã Phong Nẫm').length,
      }));
      expect(chosen).toEqual({
        label: 'Xã Phong Nẫm',
        group: 'Nơi bạn phụ trách',
        firstGroup: 'Nơi bạn phụ trách',
        times: 1,
      });

      await page.getByTestId('input-title').fill(title);
      await page
        .getByTestId('input-situation')
        .fill('Kênh nội đồng dài 2 km bồi lắng, 40 ha lúa vụ đông xuân thiếu nước tưới.');
      await page
        .getByTestId('input-proposal')
        .fill('Nạo vét kênh trước vụ đông xuân, kiên cố hóa đoạn đầu kênh.');
      await page.getByTestId('input-categoryCode').selectOption('agriculture-resources');
      await screenshot(page, 'cadre-submit-filled-phone');
      await page.getByTestId('submit-recommendation').click();
      await page.waitForURL(/#\/item\/[0-9a-f-]{36}$/, { timeout: 60_000 });
      itemId = page.url().split('#/item/')[1];
      await reloadUntil(page, async () => (await statusOf(page)) === 'routed', { what: 'status routed' });
      expect(await page.getByTestId('item-lead-unit').textContent()).toBe(
        'Sở Nông nghiệp và Phát triển nông thôn',
      );
      expect(await page.getByTestId('item-facts').textContent()).toContain('Xã Phong Nẫm');
      await page.getByTestId('timeline').waitFor();
      await expectNoOverflow(page, 'cadre-item-submitted-phone');
      await screenshot(page, 'cadre-item-submitted-phone');
    },
    STEP_TIMEOUT,
  );

  it(
    'lets the units act from a phone, the coordinating opinion readable in the assignment list',
    async () => {
      const lead = await newPage('phone');
      await signInAs(lead, ACCOUNTS['unit-officer']);
      await lead.goto(`/#/item/${itemId}`);
      await lead.getByTestId('action-acknowledge-form').waitFor();
      await lead.getByTestId('action-acknowledge-submit').click();
      await reloadUntil(lead, async () => (await statusOf(lead)) === 'in-progress', {
        what: 'status in-progress',
      });

      // The coordinating unit's opinion closes its task; the opinion is that task's note.
      const page = await newPage('phone');
      await signInAs(page, 'officer.donre');
      await page.goto(`/#/item/${itemId}`);
      await page.getByTestId('input-coordinate-opinion').fill(note);
      await screenshot(page, 'coordinating-opinion-phone');
      await page.getByTestId('action-coordinate-submit').click();
      const noteCell = page.locator('[data-testid="item-tasks"] td', { hasText: note });
      await reloadUntil(page, () => noteCell.isVisible(), { what: 'the note in the assignment list' });
      // A note reads as lines of text, not three or four letters a line.
      expect(await linesOf(noteCell)).toBeLessThanOrEqual(Math.ceil(note.length / 25));
      await expectNoOverflow(page, 'item with a note, phone');
      await screenshot(page, 'coordinating-item-note-phone');

      // On an office screen the note has a column wide enough to read.
      const wide = await newPage('desktop');
      await signInAs(wide, ACCOUNTS['unit-officer']);
      await wide.goto(`/#/item/${itemId}`);
      const wideCell = wide.locator('[data-testid="item-tasks"] td', { hasText: note });
      await wideCell.waitFor();
      expect(await linesOf(wideCell)).toBeLessThanOrEqual(Math.ceil(note.length / 25));
      await screenshot(wide, 'unit-officer-item-note-desktop');
    },
    STEP_TIMEOUT,
  );

  for (const { role, username, unitCode, seesItem } of WALKERS) {
    for (const size of Object.keys(SIZES) as SizeName[]) {
      it(
        `gives ${username} (${role}) every screen at ${SIZES[size].width}×${SIZES[size].height}`,
        async () => {
          expect(itemId).not.toBe('');
          const page = await newPage(size);
          await signInAs(page, username);
          const screens = screensFor(role, unitCode).filter((s) => seesItem !== false || s.name !== 'item');
          expect(screens.length).toBeGreaterThan(0);
          for (const screen of screens) {
            // A move within the app (a hash change), as a click on a link makes.
            await page.evaluate((hash) => (location.hash = hash), screen.path({ itemId }).replace(/^\//, ''));
            await page
              .locator(`.screen[data-screen="${screen.route ?? screen.name}"] ${screen.ready}`)
              .first()
              .waitFor();
            await page.waitForLoadState('networkidle');
            await checkScreen(page, `${username}-${screen.name}-${size}`);
          }
          if (size !== 'desktop') return;
          // The same screens in English: no sentence of the UI left in Vietnamese.
          await page.getByTestId('lang-toggle').click();
          await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
          for (const screen of screens) {
            await page.evaluate((hash) => (location.hash = hash), screen.path({ itemId }).replace(/^\//, ''));
            await page
              .locator(`.screen[data-screen="${screen.route ?? screen.name}"] ${screen.ready}`)
              .first()
              .waitFor();
            await page.waitForLoadState('networkidle');
            await expectOneLanguage(page, `${username}-${screen.name}-en`);
          }
        },
        STEP_TIMEOUT,
      );
    }
  }

  it(
    'keeps the phone layout in English',
    async () => {
      const page = await newPage('phone');
      await signInAs(page, ACCOUNTS['leadership-viewer']);
      await page.getByTestId('lang-toggle').click();
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      // Drawn afresh in English (the choice is remembered), not measured while it redraws.
      await page.reload();
      await page.locator('[data-testid="dashboard-body"][data-loaded="true"]').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.title()).toBe('Dashboard · NGK');
      await screenshot(page, 'leadership-viewer-dashboard-phone-en');
      await expectNoOverflow(page, 'dashboard in English');
      await expectNoSeriousAxeViolations(page, 'dashboard in English');
      await expectOneLanguage(page, 'dashboard in English');
    },
    STEP_TIMEOUT,
  );
});
