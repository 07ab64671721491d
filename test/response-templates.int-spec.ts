import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { ownCadre, ownerSql, unitId } from './support/fixtures';
import { authAs, client } from './support/http';

/**
 * Response templates: admins keep them (names unique in any case, outcomes and categories checked, each
 * change in the admin audit), and the unit resolving an item reads those that fit it, by its category
 * and the outcome chosen, then resolves with the template's text edited. Items run on a category and
 * routing rule of this file's own; templates carry a stamp, since other files may add general ones.
 */
const CATEGORY = 'template-test';
const OTHER_CATEGORY = 'template-test-other';

type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('response templates: admin CRUD with audit, and the templates that fit an item', () => {
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  const stamp = randomUUID().slice(0, 8);
  const cadre = 'cadre.templates';
  const lead = 'officer.propaganda';

  const apps = useApps();

  const send = async (method: 'get' | 'post' | 'patch', path: string, body?: object, as = 'admin') =>
    request(api.getHttpServer())
      [method](path)
      .set(await authAs(api, as))
      .send(body);
  const ok = async (res: Promise<request.Response>, status = 200) => {
    const done = await res;
    if (done.status !== status) throw new Error(`${done.status} ${JSON.stringify(done.body)}`);
    return done.body;
  };
  const create = (fields: object) =>
    ok(
      send('post', '/api/response-templates', {
        outcome: 'implemented',
        body: 'Đơn vị đã thực hiện.',
        ...fields,
      }),
      201,
    ) as Promise<Payload>;

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
    for (const [code, name] of [
      [CATEGORY, 'Thử mẫu trả lời'],
      [OTHER_CATEGORY, 'Thử mẫu trả lời khác'],
    ]) {
      await ownerSql(
        `INSERT INTO categories (code, name_vi, name_en) VALUES ($1, $2, 'Template test') ON CONFLICT DO NOTHING`,
        [code, name],
      );
    }
    await ownerSql(
      `INSERT INTO routing_rules (code, category_code, lead_unit_id, priority)
       SELECT $1, $1, $2, 100 WHERE NOT EXISTS (SELECT 1 FROM routing_rules WHERE code = $1)`,
      [CATEGORY, await unitId('propaganda-board')],
    );
    await ownCadre(cadre);
  });

  it('creates, edits and retires a template, each change in the admin audit', async () => {
    const made = await create({
      name: `Đã nạo vét ${stamp}`,
      categoryCode: CATEGORY,
      body: '  Đơn vị đã nạo vét kênh, hoàn thành ngày …  ',
    });
    expect(made).toMatchObject({
      name: `Đã nạo vét ${stamp}`,
      outcome: 'implemented',
      categoryCode: CATEGORY,
      body: 'Đơn vị đã nạo vét kênh, hoàn thành ngày …',
      active: true,
    });
    const edited = await ok(
      send('patch', `/api/response-templates/${made.id}`, { outcome: 'partly-accepted', categoryCode: null }),
    );
    expect(edited).toMatchObject({ outcome: 'partly-accepted', categoryCode: null, name: made.name });
    const retired = await ok(send('patch', `/api/response-templates/${made.id}`, { active: false }));
    expect(retired.active).toBe(false);

    const listed = (await ok(send('get', '/api/response-templates'))) as Payload[];
    expect(listed.find((x) => x.id === made.id)).toMatchObject({ active: false, outcome: 'partly-accepted' });

    const audit = (await ok(
      send('get', `/api/admin/audit?entity=response_template&key=${made.id}`),
    )) as Payload[];
    expect(audit.map((a) => [a.action, a.changed])).toEqual([
      ['update', ['active']],
      ['update', ['categoryCode', 'outcome']],
      ['create', expect.arrayContaining(['name', 'outcome', 'body'])],
    ]);
    expect(audit[0].actor.username).toBe('admin');
  });

  it('refuses a duplicate name (409), an unknown outcome or category (422), and non-admins (403)', async () => {
    const first = await create({ name: `Mẫu trùng ${stamp}` });
    const cases: [string, 'post' | 'patch', object, number, string, string?][] = [
      [
        '/api/response-templates',
        'post',
        { name: `MẪU TRÙNG ${stamp}` },
        409,
        'response-template.name-taken',
        'name',
      ],
      [
        '/api/response-templates',
        'post',
        { name: `Mẫu A ${stamp}`, outcome: 'done' },
        422,
        'reference.unknown-outcome',
        'outcome',
      ],
      [
        '/api/response-templates',
        'post',
        { name: `Mẫu B ${stamp}`, categoryCode: 'no-such-category' },
        422,
        'reference.unknown-category',
        'categoryCode',
      ],
      ['/api/response-templates', 'post', { name: '   ' }, 400, 'validation.failed', 'name'],
      [
        `/api/response-templates/${randomUUID()}`,
        'patch',
        { active: false },
        404,
        'response-template.not-found',
      ],
    ];
    for (const [path, method, fields, status, code, field] of cases) {
      const body = method === 'post' ? { outcome: 'implemented', body: 'Nội dung.', ...fields } : fields;
      const res = await send(method, path, body);
      expect([path, res.status, res.body.code]).toEqual([path, status, code]);
      if (field) expect(res.body.errors.map((e: Payload) => e.field)).toContain(field);
    }
    // Renaming another template to a taken name is refused as well, and changes nothing.
    const second = await create({ name: `Mẫu khác ${stamp}` });
    const rename = await send('patch', `/api/response-templates/${second.id}`, {
      name: first.name.toUpperCase(),
    });
    expect([rename.status, rename.body.code]).toEqual([409, 'response-template.name-taken']);
    const [row] = await ownerSql<{ name: string }>(`SELECT name FROM response_templates WHERE id = $1`, [
      second.id,
    ]);
    expect(row.name).toBe(`Mẫu khác ${stamp}`);

    for (const username of ['officer.propaganda', 'cadre.hoaloi']) {
      const res = await send(
        'post',
        '/api/response-templates',
        { name: `x ${stamp}`, outcome: 'implemented', body: 'x' },
        username,
      );
      expect(res.status).toBe(403);
    }
  });

  it('the lead unit lists the templates that fit its item and resolves with one, edited', async () => {
    const own = await create({
      name: `Riêng lĩnh vực ${stamp}`,
      categoryCode: CATEGORY,
      body: 'Đã thực hiện: …',
    });
    const general = await create({ name: `Mọi lĩnh vực ${stamp}`, body: 'Đơn vị đã thực hiện xong.' });
    const planned = await create({ name: `Kế hoạch ${stamp}`, outcome: 'planned', categoryCode: CATEGORY });
    const other = await create({ name: `Lĩnh vực khác ${stamp}`, categoryCode: OTHER_CATEGORY });
    const retired = await create({ name: `Ngừng dùng ${stamp}`, categoryCode: CATEGORY });
    await ok(send('patch', `/api/response-templates/${retired.id}`, { active: false }));

    const submitted = await http.submit(cadre, {
      ...(await examples()).propaganda,
      categoryCode: CATEGORY,
      title: `Mẫu trả lời ${stamp}`,
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    expect((await http.act(lead, id, 'acknowledge')).status).toBe(200);

    const fitting = (await ok(
      send('get', `/api/recommendations/${id}/response-templates?outcome=implemented`, undefined, lead),
    )) as Payload[];
    const ids = fitting.map((x) => x.id);
    // The category's own first, then those for every category; never another category's, another
    // outcome's or a retired one.
    expect(ids).toEqual(expect.arrayContaining([own.id, general.id]));
    expect(ids.indexOf(own.id)).toBeLessThan(ids.indexOf(general.id));
    for (const absent of [planned.id, other.id, retired.id]) expect(ids).not.toContain(absent);
    expect(fitting.every((x) => x.outcome === 'implemented' && x.active)).toBe(true);
    const every = (await ok(
      send('get', `/api/recommendations/${id}/response-templates`, undefined, lead),
    )) as Payload[];
    expect(every.map((x) => x.id)).toEqual(expect.arrayContaining([own.id, general.id, planned.id]));

    const unknown = await send(
      'get',
      `/api/recommendations/${id}/response-templates?outcome=done`,
      undefined,
      lead,
    );
    expect([unknown.status, unknown.body.code]).toEqual([422, 'reference.unknown-outcome']);
    // A unit that has nothing to do with the item does not learn it exists; a cadre may not ask.
    const stranger = await send(
      'get',
      `/api/recommendations/${id}/response-templates`,
      undefined,
      'officer.dard',
    );
    expect([stranger.status, stranger.body.code]).toEqual([404, 'recommendation.not-found']);
    expect(
      (await send('get', `/api/recommendations/${id}/response-templates`, undefined, cadre)).status,
    ).toBe(403);

    const response = `${general.body} Hoàn thành ngày 15/3.`;
    expect((await http.act(lead, id, 'resolve', { response, outcome: 'implemented' })).status).toBe(200);
    const item = (await http.get(cadre, id)).body;
    expect(item.response).toBe(response);
  });
});
