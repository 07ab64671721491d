import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import {
  openDashboard,
  openPage,
  screenshot,
  signIn,
  startBrowserApp,
  stopBrowserApp,
} from '../support/browser';
import { examples } from '../support/examples';
import { unitId } from '../support/fixtures';
import { client } from '../support/http';

const STEP_TIMEOUT = 120_000;
const SIZES = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;
/** Where admins' links to an item's workflow point; nothing needs to answer there. */
const TEMPORAL_UI = 'http://127.0.0.1:8233';

/**
 * Figures and history as people read them, in a real browser: leadership sees a twice-disputed item in
 * the level-2 tile, the timeline names people, units and where a transfer went, countdowns are in
 * working days, the committee's queue says why each item came. Items are prepared through the API in a
 * commune of the file's own, so the dashboard filtered on it shows this file's items alone.
 */
describe('web UI: figures and readable history', () => {
  let api: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let http: ReturnType<typeof client>;
  const open: { page: Page; errors: string[] }[] = [];
  let commune = '';
  const ids = { disputed: '', transferred: '', asked: '' };

  const ok = async (res: Promise<{ status: number; text: string; body: unknown }>, status = 200) => {
    const r = await res;
    if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
    return r.body as Record<string, string>;
  };

  beforeAll(async () => {
    process.env.TEMPORAL_UI_URL = TEMPORAL_UI;
    ({ worker, api, browser, baseUrl } = await startBrowserApp());
    http = client(api);

    commune = await http.addUnit({ kind: 'commune', parentId: await unitId('thanh-phu') });
    const ex = await examples();
    const submit = async (title: string) =>
      (await ok(http.submit('cadre.phongnam', { ...ex.propaganda, title, localityUnitId: commune }), 201)).id;
    const officer = 'officer.propaganda';

    ids.disputed = await submit('Tuyên truyền viên: cán bộ không đồng ý hai lần');
    await ok(http.act(officer, ids.disputed, 'acknowledge'));
    for (const round of [1, 2]) {
      await ok(
        http.act(officer, ids.disputed, 'resolve', {
          response: `Trả lời lần ${round}.`,
          outcome: 'implemented',
        }),
      );
      await ok(
        http.act('cadre.phongnam', ids.disputed, 'feedback', {
          verdict: 'dispute',
          reason: `Ấp 3 chưa có tuyên truyền viên (lần ${round}).`,
        }),
      );
    }

    ids.transferred = await submit('Tuyên truyền viên: chuyển Ban Tổ chức');
    await ok(http.act(officer, ids.transferred, 'acknowledge', { note: 'Đã nhận, sẽ xem xét.' }));
    await ok(
      http.act(officer, ids.transferred, 'transfer', {
        toUnitId: await unitId('organization-board'),
        reason: 'Thuộc thẩm quyền Ban Tổ chức.',
      }),
    );

    ids.asked = await submit('Tuyên truyền viên: cần bổ sung số hộ');
    await ok(http.act(officer, ids.asked, 'acknowledge'));
    await ok(
      http.act(officer, ids.asked, 'request-info', {
        question: 'Ấp 3 có bao nhiêu hộ chưa được tuyên truyền?',
      }),
    );
  }, STEP_TIMEOUT);

  afterAll(async () => {
    await stopBrowserApp({ browser, api, worker });
  });

  afterEach(async () => {
    for (const { page, errors } of open.splice(0)) {
      await page.context().close();
      expect(errors).toEqual([]);
    }
  });

  async function as(username: string): Promise<Page> {
    const session = await openPage(browser, baseUrl);
    open.push(session);
    await session.page.setViewportSize(SIZES.desktop);
    await signIn(session.page, username);
    return session.page;
  }

  /** Screenshots of the screen at both sizes, the page reloaded and `ready` awaited at each. */
  async function shots(page: Page, name: string, ready: () => Promise<unknown>): Promise<void> {
    for (const [size, viewport] of Object.entries(SIZES)) {
      await page.setViewportSize(viewport);
      await page.reload();
      await ready();
      await screenshot(page, `history-${name}-${size}`);
    }
    await page.setViewportSize(SIZES.desktop);
  }

  it(
    'shows leadership the twice-disputed item in the level-2 tile and breakdown, with whole-number chart ticks',
    async () => {
      const page = await as('viewer.leadership');
      await openDashboard(page, { communeId: commune });
      const loaded = () => page.locator('[data-testid="dashboard-body"][data-loaded="true"]').waitFor();
      const kpi = async (key: string) =>
        Number(await page.getByTestId(`kpi-${key}`).getAttribute('data-value'));
      expect(await kpi('total')).toBe(3);
      expect(await kpi('level2')).toBe(1);
      expect(await kpi('overdue')).toBe(0);
      expect(await page.getByTestId('kpi-level2').textContent()).toContain('Chuyển cấp 2 (Ban Thường vụ)');
      // Each figure's cell names its measure, so a column added to the table moves nothing here.
      const level2 = page.locator(
        `[data-testid="by-commune"] tr[data-id="${commune}"] td[data-kpi="level2"]`,
      );
      expect(await level2.textContent()).toBe('1');
      await page.locator(`[data-testid="level2-list"] [data-id="${ids.disputed}"]`).waitFor();

      // The trend's ticks are whole numbers from 0 with one step, and each bar ends on its value's line.
      const chart = await page.getByTestId('chart-trend').evaluate((svg) => {
        const lineY = (v: number) =>
          Number(
            [...svg.querySelectorAll('line.grid-line')][
              [...svg.querySelectorAll('text[data-tick]')].findIndex(
                (t) => Number(t.getAttribute('data-tick')) === v,
              )
            ]?.getAttribute('y1'),
          );
        const bars = [...svg.querySelectorAll('rect[data-value]')].map((r) => ({
          value: Number(r.getAttribute('data-value')),
          top: Number(r.getAttribute('y')),
        }));
        const label = svg.querySelector('text.axis-label')!;
        const view = svg.ownerDocument.defaultView!;
        return {
          ticks: (svg.getAttribute('data-ticks') ?? '').split(',').map(Number),
          labels: [...svg.querySelectorAll('text[data-tick]')].map((t) => t.textContent),
          bars: bars.map((b) => ({ ...b, line: lineY(b.value) })),
          fontPx: parseFloat(view.getComputedStyle(label).fontSize),
          scale: svg.getBoundingClientRect().width / Number(svg.getAttribute('width')),
          fill: view.getComputedStyle(label).fill,
        };
      });
      expect(chart.ticks[0]).toBe(0);
      expect(
        chart.ticks.every((v: number, i: number) => Number.isInteger(v) && v === i * chart.ticks[1]),
      ).toBe(true);
      expect(chart.labels).toEqual(chart.ticks.map(String));
      expect(chart.ticks).toContain(3);
      const three = chart.bars.find((b) => b.value === 3)!;
      expect(three.top).toBeCloseTo(three.line, 5);
      // Text at least 12 px as drawn (the chart is not scaled down), in a dark grey.
      expect(chart.fontPx * chart.scale).toBeGreaterThanOrEqual(12);
      expect(chart.fill).toBe('rgb(74, 85, 97)');
      // The on-time chart's unit names stand in full in the table beside it.
      await shots(page, 'dashboard', loaded);
    },
    STEP_TIMEOUT,
  );

  it(
    'shows the new lead unit a timeline with names, units and the transfer target, and a countdown in working days',
    async () => {
      const page = await as('officer.organization');
      await page.goto(`/#/item/${ids.transferred}`);
      const timeline = page.getByTestId('timeline');
      await timeline.waitFor();
      const event = (type: string) => page.locator(`[data-testid="event"][data-type="${type}"]`);
      expect(await event('acknowledged').getByTestId('event-actor').textContent()).toBe(
        'bởi Chuyên viên Ban Tuyên giáo Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy',
      );
      expect(await event('submitted').getByTestId('event-actor').textContent()).toBe(
        'bởi Cán bộ phụ trách xã Phong Nẫm',
      );
      expect(await event('transferred').getByTestId('event-to-unit').textContent()).toBe(
        'Giao cho: Ban Tổ chức Tỉnh ủy',
      );
      expect(await event('routed').getByTestId('event-to-unit').textContent()).toBe(
        'Giao cho: Ban Tuyên giáo Tỉnh ủy',
      );
      // The acknowledgement's note is printed once, under its own name.
      expect(await event('acknowledged').getByTestId('event-text').allTextContents()).toEqual([
        'Ghi chú: Đã nhận, sẽ xem xét.',
      ]);
      expect(await event('transferred').getByTestId('event-text').allTextContents()).toEqual([
        'Lý do: Thuộc thẩm quyền Ban Tổ chức.',
      ]);
      expect(await timeline.textContent()).not.toContain('officer.propaganda');
      expect(await page.getByTestId('item-temporal-ui').count()).toBe(0);

      const countdown = page.getByTestId('item-deadlines').getByTestId('countdown').first();
      expect(await countdown.textContent()).toMatch(/^còn \d+ ngày làm việc$/);
      expect(await page.getByTestId('working-days-rule').count()).toBe(1);
      // Dates are dd/mm/yyyy HH:mm.
      expect(await page.locator('[data-testid="event"] time').first().textContent()).toMatch(
        /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
      );
      // The transfer form offers neither the unit holding the item nor the triage office a second time.
      const options = await page.getByTestId('input-transfer-toUnitId').locator('option').allTextContents();
      expect(options).not.toContain('Ban Tổ chức Tỉnh ủy');
      expect(options.filter((o) => o.includes('Văn phòng Tỉnh ủy'))).toHaveLength(1);
      expect(new Set(options).size).toBe(options.length);
      await shots(page, 'item-timeline', () => timeline.waitFor());
    },
    STEP_TIMEOUT,
  );

  it(
    'links an admin to the item’s workflow in the Temporal Web UI',
    async () => {
      const page = await as('admin');
      await page.goto(`/#/item/${ids.transferred}`);
      const link = page.getByTestId('item-temporal-ui');
      await link.waitFor();
      expect(await link.textContent()).toBe('Xem trong Temporal UI');
      expect(await link.getAttribute('href')).toBe(
        `${TEMPORAL_UI}/namespaces/default/workflows/recommendation-${ids.transferred}`,
      );
    },
    STEP_TIMEOUT,
  );

  it(
    'shows the cadre the unit’s question beside the answer form',
    async () => {
      const page = await as('cadre.phongnam');
      await page.goto(`/#/item/${ids.asked}`);
      const question = page.getByTestId('open-question');
      await question.waitFor();
      expect(await question.textContent()).toContain('Ấp 3 có bao nhiêu hộ chưa được tuyên truyền?');
      // While the unit waits, its clock is stopped, and its task says so rather than counting down.
      const lead = page.locator(
        '[data-testid="item-tasks"] tr[data-task-role="lead"][data-task-status="open"]',
      );
      expect(await lead.textContent()).toContain('Tạm dừng tính hạn');
      expect(await lead.getByTestId('countdown').textContent()).toBe('Tạm dừng tính hạn');
      expect(await page.getByTestId('action-provide-info-form').getByTestId('open-question').count()).toBe(1);
      await shots(page, 'item-question', () => question.waitFor());
    },
    STEP_TIMEOUT,
  );

  it(
    'gives the committee a queue that shows the directive deadline, why the item came and the disputes',
    async () => {
      const page = await as('member.standing');
      await page.goto('/#/directives');
      const row = page.locator(`[data-testid="directive-row"][data-id="${ids.disputed}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-why')).toBe('disputedTwice');
      expect(await row.getByTestId('directive-why').textContent()).toBe('Cán bộ không đồng ý lần thứ hai');
      const disputes = await row.getByTestId('directive-disputes').locator('li').allTextContents();
      expect(disputes).toHaveLength(2);
      expect(disputes[0]).toContain('Ấp 3 chưa có tuyên truyền viên (lần 1).');
      expect(disputes[1]).toContain('(lần 2)');
      expect(await row.getByTestId('countdown').textContent()).toMatch(/^còn \d+ ngày làm việc$/);
      expect(await row.locator('time').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      await shots(page, 'directives', () => row.waitFor());

      // The directive form says that a new date and a number of working days are alternatives.
      await row.getByTestId('item-link').click();
      await page.getByTestId('input-directive-kind').selectOption('new-deadline');
      const hint = (name: string) =>
        page.locator(`[data-testid="action-directive-form"] [data-field="${name}"] .hint`).textContent();
      expect(await hint('dueDate')).toContain('hoặc để trống và nhập số ngày làm việc');
      expect(await hint('workingDays')).toContain('Chỉ điền một trong hai ô');
      await screenshot(page, 'history-directive-form-desktop');
    },
    STEP_TIMEOUT,
  );
});
