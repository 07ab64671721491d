import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { sql, unitId } from './support/fixtures';
import { client, refusedWithoutWrites } from './support/http';

/** Every refusal answers with the right code and writes nothing. */
describe('refused actions', () => {
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  let id: string;

  const apps = useApps();

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
    const res = await http.submit('cadre.hoaloi', (await examples()).road26);
    expect(res.status).toBe(201);
    id = res.body.id;
    expect((await http.act('officer.thanhphu', id, 'acknowledge')).status).toBe(200);
  });

  it('wrong state: 409 with the actions this user may take instead', async () => {
    const res = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('officer.thanhphu', id, 'acknowledge'),
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      status: 'in-progress',
      message: '"acknowledge" is not possible while the item is in-progress',
      code: 'lifecycle.not-allowed-in-state',
      params: { action: 'acknowledge', status: 'in-progress' },
    });
    expect(res.body.allowedActions).toEqual([
      'request-info',
      'transfer',
      'progress',
      'resolve',
      'request-extension',
      'mark-duplicate',
    ]);
  });

  it('a coordinating unit sees the item but cannot act as its lead: 403; an unrelated unit gets 404', async () => {
    const res = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('officer.dot', id, 'progress', { note: 'Sở GTVT không chủ trì việc này.' }),
    );
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('only an officer or head of the lead unit may do this');
    expect(res.body.code).toBe('lifecycle.only-lead-unit');
    // The Department of Agriculture has no part in a Thạnh Phú road: for it the item does not exist.
    const unrelated = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('officer.dard', id, 'progress', { note: 'Không phải việc của Sở NN.' }),
    );
    expect(unrelated.status).toBe(404);
    expect((await http.get('officer.dard', id)).status).toBe(404);
  });

  it('a cadre cannot act for a unit (403); a cadre who does not follow the commune cannot see it (404)', async () => {
    const cadre = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('cadre.hoaloi', id, 'progress', { note: 'x' }),
    );
    expect(cadre.status).toBe(403);
    expect(cadre.body.message).toBe('a cadre may not use this route; it is for: unit-officer, unit-head');
    expect(cadre.body.code).toBe('auth.role-not-allowed');
    expect(
      (
        await refusedWithoutWrites({ recommendationId: id }, () =>
          http.act('cadre.anthanh', id, 'provide-info', { answer: 'x' }),
        )
      ).status,
    ).toBe(404);
  });

  it('missing reason: 400 naming the field', async () => {
    const res = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('officer.thanhphu', id, 'transfer', { toUnitId: null, reason: '  ' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation.failed' });
    expect(res.body.errors).toEqual([
      { field: 'reason', code: 'isNotEmpty', reason: 'reason is required for a transfer' },
    ]);
    const notAccepted = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('officer.thanhphu', id, 'resolve', { response: 'Không.', outcome: 'not-accepted' }),
    );
    expect(notAccepted.status).toBe(400);
    expect(notAccepted.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    const planned = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('officer.thanhphu', id, 'resolve', { response: 'Sẽ làm.', outcome: 'planned' }),
    );
    expect(planned.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'budgetYear',
      'planDate',
    ]);
  });

  it('malformed bodies: 400 field by field', async () => {
    const res = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('officer.thanhphu', id, 'resolve', {
        response: 5,
        outcome: 'maybe',
        planDate: '30/06/2027',
        extra: true,
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['response', 'outcome', 'planDate', 'extra']),
    );
  });

  it('unknown units: 422 naming the field', async () => {
    const res = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('officer.thanhphu', id, 'transfer', {
        reason: 'Sai địa bàn.',
        toUnitId: '2f0f6a0e-3b7f-4c51-9d1e-5a1b2c3d4e5f',
      }),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'reference.unknown-unit' });
    expect(res.body.errors).toEqual([
      { field: 'toUnitId', code: 'reference.unknown-unit', reason: 'unknown unit' },
    ]);
    const commune = await refusedWithoutWrites({ recommendationId: id }, async () =>
      http.act('officer.thanhphu', id, 'transfer', {
        reason: 'Xã tự làm.',
        toUnitId: await unitId('hoa-loi'),
      }),
    );
    expect(commune.status).toBe(422);
  });

  it('a transfer to the unit that already leads is refused by the lifecycle: 422', async () => {
    const res = await refusedWithoutWrites({ recommendationId: id }, async () =>
      http.act('officer.thanhphu', id, 'transfer', { reason: 'Nhầm.', toUnitId: await unitId('thanh-phu') }),
    );
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'lifecycle.already-with-unit' });
    expect(res.body.errors).toEqual([
      {
        field: 'toUnitId',
        code: 'lifecycle.already-with-unit',
        reason: 'the item is already with this unit',
      },
    ]);
  });

  it('unknown id: 404; malformed id: 400; missing or forged token: 401', async () => {
    const unknown = '5e1d7b0c-0d2a-4f7e-8c7b-1b2a3c4d5e6f';
    expect(
      (
        await refusedWithoutWrites({ recommendationId: id }, () =>
          http.act('officer.thanhphu', unknown, 'acknowledge'),
        )
      ).status,
    ).toBe(404);
    expect((await http.get('admin', unknown)).status).toBe(404);
    expect((await http.timeline(id)).length).toBeGreaterThan(0);
    expect((await http.act('officer.thanhphu', 'road-26', 'acknowledge')).status).toBe(400);
    const server = api.getHttpServer();
    const anonymous = await request(server).post(`/api/recommendations/${id}/acknowledge`).send({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toBe(
      'sign in first: send a Bearer access token from POST /api/auth/login',
    );
    expect(anonymous.body.code).toBe('auth.sign-in-required');
    const forged = await request(server)
      .post(`/api/recommendations/${id}/acknowledge`)
      .set('Authorization', 'Bearer not-a-token')
      .send({});
    expect(forged.status).toBe(401);
  });

  it('two officers resolving at once: one 200, one 409', async () => {
    const results = await Promise.all(
      ['officer.thanhphu', 'head.thanhphu'].map((who) =>
        http.act(who, id, 'resolve', { response: `Trả lời của ${who}.`, outcome: 'implemented' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const resolved = await sql(
      `SELECT count(*)::int AS n FROM recommendation_events WHERE recommendation_id = $1 AND type = 'resolved'`,
      [id],
    );
    expect(resolved[0].n).toBe(1);
  });
});
