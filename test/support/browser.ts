import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from './http';

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

/** A full-page screenshot in test-artifacts/screenshots/<name>.png, for people reviewing a run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * A page in a fresh browser context (its own sessionStorage), collecting the page's errors: script
 * failures and Content-Security-Policy refusals. Refused requests the UI answers on purpose (a 400 it
 * shows under a field) are the console's "Failed to load resource" lines, which are left out.
 */
export async function openPage(browser: Browser, baseUrl: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
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
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/#/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('logout').waitFor({ state: 'visible' });
  await page.waitForURL((url) => !url.hash.startsWith('#/login'));
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
