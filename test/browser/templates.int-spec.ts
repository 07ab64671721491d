import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { expectNoOverflow, NARROW_PHONE, screenshot, useBrowserPages } from '../support/browser';
import { examples } from '../support/examples';
import { ownCadre } from '../support/fixtures';
import { authAs, client } from '../support/http';

const STEP_TIMEOUT = 120_000;
const DESKTOP = { width: 1366, height: 900 };

/**
 * Response templates and similar items in the browser: the admin adds a template in the "Mẫu trả lời"
 * tab (a taken name is refused under its field), the lead unit picks it in the resolve form and edits
 * it before sending, and a cadre writing a title sees the alike item already raised, and opens it.
 */
describe('response templates and similar items in the browser', () => {
  let api: INestApplication;
  const pages = useBrowserPages({ viewport: DESKTOP });
  const as = pages.as;
  const stamp = randomUUID().slice(0, 6);
  const cadre = 'cadre.templates-browser';
  const templateName = `Đã hoàn thành ${stamp}`;
  let item = { id: '', title: '' };

  beforeAll(async () => {
    ({ api } = pages.app);
    await ownCadre(cadre);
    const http = client(api);
    const { road26 } = await examples();
    const title = `Láng nhựa đường liên ấp ${stamp} Hòa Lợi`;
    const submitted = await http.submit(cadre, { ...road26, title });
    if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${submitted.text}`);
    item = { id: submitted.body.id, title };
    const acknowledged = await http.act('officer.thanhphu', item.id, 'acknowledge');
    if (acknowledged.status !== 200) throw new Error(`acknowledge: ${acknowledged.status}`);
  }, STEP_TIMEOUT);

  it('the admin adds a template in its tab, and a taken name is refused under the field', async () => {
    const page = await as('admin', NARROW_PHONE);
    await page.goto('/#/admin/templates');
    await page.getByTestId('admin-templates').waitFor();
    const add = async () => {
      const create = page.getByTestId('admin-create-templates');
      if (!(await create.getAttribute('open'))) await create.locator('summary').click();
      const form = create.getByTestId('template-create');
      await form.getByTestId('input-name').fill(templateName);
      await form.getByTestId('input-outcome').selectOption('implemented');
      await form.getByTestId('input-categoryCode').selectOption('infrastructure');
      await form.getByTestId('input-body').fill('Đơn vị đã láng nhựa toàn tuyến.');
      await form.getByTestId('template-create-submit').click();
      return form;
    };
    await add();
    const card = page.getByTestId('template-record').filter({ hasText: templateName });
    await card.waitFor();
    expect(await card.textContent()).toContain('Đang dùng');
    await expectNoOverflow(page);
    await screenshot(page, 'admin-templates-360');

    const again = await add();
    await again.getByTestId('error-name').waitFor({ state: 'visible' });
    expect(await again.getByTestId('error-name').textContent()).toBe('Đã có mẫu trả lời mang tên này.');

    // Renamed and named back: the card's history names the field in the template's own words.
    for (const name of [`${templateName} (sửa)`, templateName]) {
      await card.locator('summary').click();
      await card.getByTestId('template-edit').getByTestId('input-name').fill(name);
      await card.getByTestId('template-edit-submit').click();
      await card.getByTestId('template-edit').waitFor({ state: 'hidden' });
    }
    await card.locator('summary').click();
    const history = card.getByTestId('admin-history');
    await history.waitFor();
    expect(await history.locator('li').count()).toBe(3);
    expect(await history.locator('li').first().textContent()).toContain('Sửa: các trường: Tên mẫu');
  });

  it('the lead unit picks the template in the resolve form, edits it, and the response carries it', async () => {
    const page = await as('officer.thanhphu');
    await page.goto(`/#/item/${item.id}`);
    const form = page.getByTestId('action-resolve-form');
    await form.waitFor();
    const picker = form.getByTestId('input-resolve-template');
    // No outcome yet: nothing to pick from.
    expect(await picker.isDisabled()).toBe(true);
    await form.getByTestId('input-resolve-outcome').selectOption('implemented');
    await picker.locator('option', { hasText: templateName }).waitFor({ state: 'attached' });
    await picker.selectOption({ label: templateName });
    const response = form.getByTestId('input-resolve-response');
    expect(await response.inputValue()).toBe('Đơn vị đã láng nhựa toàn tuyến.');
    await response.fill(`${await response.inputValue()} Nghiệm thu ngày 20/3.`);
    await screenshot(page, 'resolve-template');
    await form.getByTestId('action-resolve-submit').click();
    await page.getByTestId('action-resolve-form').waitFor({ state: 'detached' });

    const resolved = await request(api.getHttpServer())
      .get(`/api/recommendations/${item.id}`)
      .set(await authAs(api, cadre))
      .expect(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      outcome: 'implemented',
      response: 'Đơn vị đã láng nhựa toàn tuyến. Nghiệm thu ngày 20/3.',
    });
  });

  it('a cadre writing a title sees the alike item already raised, at 360 px, and opens it', async () => {
    const page = await as(cadre, NARROW_PHONE);
    await page.goto('/#/submit');
    const form = page.getByTestId('submit-form');
    await form.waitFor();
    const panel = page.getByTestId('similar-items');
    // Too short a title finds nothing.
    await form.getByTestId('input-title').fill('Lán');
    await page.waitForTimeout(1000);
    expect(await panel.isHidden()).toBe(true);

    await form.getByTestId('input-title').fill(`lang nhua duong ${stamp}`);
    const entry = panel.locator(`[data-testid="similar-item"][data-id="${item.id}"]`);
    await entry.waitFor();
    expect(await panel.locator('[data-testid="similar-item"]').count()).toBeLessThanOrEqual(5);
    expect(await entry.textContent()).toContain(item.title);
    await expectNoOverflow(page);
    await screenshot(page, 'submit-similar-360');

    await entry.locator('a').click();
    await page.waitForURL(new RegExp(`#/item/${item.id}$`));
    await page.getByTestId('item-title').waitFor();
    // Back on the form, what was typed is still there.
    await page.goBack();
    await page.getByTestId('submit-form').waitFor();
    expect(await page.getByTestId('input-title').inputValue()).toBe(`lang nhua duong ${stamp}`);
  });
});
