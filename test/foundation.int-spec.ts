import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { IdempotencyRepository } from '../apps/api/src/recommendations/idempotency.repository';
import { ownCadre, ownerSql, sql, unitId } from './support/fixtures';
import { authAs, eventually, refusedWithoutWrites } from './support/http';
import { useApps } from './support/apps';

/** PRODUCT.md example 1: road 26 in Hòa Lợi commune, Thạnh Phú district. */
async function road26(localityUnitId: string) {
  return {
    title: 'Nâng cấp, mở rộng đường 26 từ trung tâm xã Hòa Lợi ra đường huyện',
    situation: 'Đường 26 hẹp, xuống cấp, ảnh hưởng đi lại và vận chuyển nông sản của người dân xã Hòa Lợi.',
    proposal: 'Đầu tư nâng cấp, mở rộng đường 26 từ trung tâm xã Hòa Lợi đến đường huyện, khoảng 10 tỷ đồng.',
    categoryCode: 'infrastructure',
    localityUnitId,
    costEstimateVnd: '10000000000',
    urgency: 'normal',
  };
}

describe('foundation: HTTP → Temporal workflow → worker activity → PostgreSQL', () => {
  let api: INestApplication;
  let hoaLoi: string;

  const apps = useApps();

  beforeAll(async () => {
    api = apps.api;
    hoaLoi = await unitId('hoa-loi');
    await ownCadre('cadre.foundation');
  });

  it('reports PostgreSQL and Temporal as up', async () => {
    const res = await request(api.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.database.status).toBe('up');
    expect(res.body.info.temporal.status).toBe('up');
  });

  it('documents every route in OpenAPI, with the Bearer token where a route needs one', async () => {
    const doc = (await request(api.getHttpServer()).get('/api/docs-json').expect(200)).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const submit = doc.paths['/api/recommendations'].post;
    expect(submit.security).toEqual([{ bearer: [] }]);
    const resolve = doc.paths['/api/recommendations/{id}/resolve'].post;
    expect(resolve.security).toEqual([{ bearer: [] }]);
    expect(resolve.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['id']));
    expect(Object.keys(resolve.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404', '409', '422', '503']),
    );
    expect(submit.responses['503'].description).toMatch(/PostgreSQL cannot be reached/);
    expect(doc.paths['/health'].get.security).toBeUndefined();
    expect(doc.paths['/api/auth/login'].post.security).toBeUndefined();
  });

  it('routes a submission by rule and projects every step into the read model', async () => {
    const res = await request(api.getHttpServer())
      .post('/api/recommendations')
      .set(await authAs(api, 'cadre.hoaloi'))
      .send(await road26(hoaLoi))
      .expect(201);

    expect(res.body.status).toBe('routed');
    expect(res.body.leadUnit.code).toBe('thanh-phu');
    expect(res.body.coordinatingUnits.map((u: { code: string }) => u.code).sort()).toEqual(['dot', 'dpi']);
    expect(res.body.costEstimateVnd).toBe('10000000000');

    // Read back what the worker's activity wrote, straight from PostgreSQL.
    const [row] = await sql('SELECT status, workflow_id, last_event_seq FROM recommendations WHERE id = $1', [
      res.body.id,
    ]);
    expect(row).toEqual({
      status: 'routed',
      workflow_id: `recommendation-${res.body.id}`,
      last_event_seq: 2,
    });
    const timeline = await request(api.getHttpServer())
      .get(`/api/recommendations/${res.body.id}/timeline`)
      .set(await authAs(api, 'cadre.hoaloi'))
      .expect(200);
    expect(timeline.body.events.map((e: { seq: number; type: string }) => [e.seq, e.type])).toEqual([
      [1, 'submitted'],
      [2, 'routed'],
    ]);
  });

  it('sends an item no rule covers to the triage office', async () => {
    const res = await request(api.getHttpServer())
      .post('/api/recommendations')
      .set(await authAs(api, 'cadre.phule'))
      .send({
        ...(await road26(await unitId('phu-le'))),
        title: 'Tổ chức sinh hoạt văn hóa tại xã Phú Lễ',
        categoryCode: 'social',
      })
      .expect(201);
    expect(res.body.status).toBe('triage');
    expect(res.body.leadUnit.code).toBe('party-office');
  });

  it('returns the same recommendation for a retried Idempotency-Key and refuses the key with another body', async () => {
    const body = await road26(hoaLoi);
    const auth = await authAs(api, 'cadre.foundation');
    const post = (payload: object) =>
      request(api.getHttpServer())
        .post('/api/recommendations')
        .set(auth)
        .set('Idempotency-Key', 'road-26-retry')
        .send(payload);
    const first = await post(body).expect(201);
    await refusedWithoutWrites(
      { recommendationId: first.body.id, username: 'cadre.foundation' },
      async () => {
        const again = await post(body).expect(201);
        expect(again.body.id).toBe(first.body.id);
        const other = await post({ ...body, costEstimateVnd: '12000000000' }).expect(422);
        expect(other.body.errors).toEqual([
          {
            field: 'Idempotency-Key',
            code: 'idempotency.key-reused',
            reason: 'already used with a different request body',
          },
        ]);
      },
    );
  });

  it('20 concurrent submissions with one key make one recommendation and one workflow', async () => {
    const body = { ...(await road26(hoaLoi)), title: 'Đường 26: gửi lại nhiều lần cùng lúc' };
    const auth = await authAs(api, 'cadre.foundation');
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(api.getHttpServer())
          .post('/api/recommendations')
          .set(auth)
          .set('Idempotency-Key', 'road-26-burst')
          .send(body),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
    const [row] = await sql<{ items: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM recommendations WHERE title = $1) AS items,
              (SELECT count(*)::int FROM recommendation_events WHERE recommendation_id = $2) AS events`,
      [body.title, responses[0].body.id],
    );
    expect(row).toEqual({ items: 1, events: 2 });
  });

  it('answers a key recorded while its own insert waited with the record that was first', async () => {
    // Twenty concurrent submissions meet here at random; this holds one insert open to meet it every time.
    const [{ id: userId }] = await sql<{ id: string }>(
      `SELECT id FROM users WHERE username = 'cadre.foundation'`,
    );
    const first = new Client({ connectionString: process.env.DATABASE_URL });
    await first.connect();
    try {
      await first.query('BEGIN');
      await first.query(
        `INSERT INTO submission_keys (user_id, idempotency_key, recommendation_id, request_hash)
         VALUES ($1, 'held-key', gen_random_uuid(), 'first-hash')`,
        [userId],
      );
      const second = api
        .get(IdempotencyRepository)
        .recordSubmission(userId, 'held-key', crypto.randomUUID(), 'second-hash');
      await eventually(
        () =>
          sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'
                AND query LIKE '%INSERT INTO submission_keys%' AND pid <> pg_backend_pid()`,
          ),
        ([waiting]) => waiting.n > 0,
        10_000,
        20,
      );
      await first.query('COMMIT');
      await expect(second).resolves.toEqual({ requestHash: 'first-hash' });
    } finally {
      await first.end();
    }
  });

  it('refuses a malformed body field by field and stores nothing', async () => {
    await refusedWithoutWrites({ username: 'cadre.foundation' }, async () => {
      const res = await request(api.getHttpServer())
        .post('/api/recommendations')
        .set(await authAs(api, 'cadre.foundation'))
        .send({
          ...(await road26(hoaLoi)),
          title: '',
          costEstimateVnd: '-5',
          localityUnitId: 'Hòa Lợi',
          extra: 1,
        })
        .expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['title', 'costEstimateVnd', 'localityUnitId', 'extra']));
    });
  });

  it('refuses an unknown category or a locality that is not a commune or district with 422', async () => {
    const unknown = await request(api.getHttpServer())
      .post('/api/recommendations')
      .set(await authAs(api, 'cadre.hoaloi'))
      .send({ ...(await road26(hoaLoi)), categoryCode: 'weather' })
      .expect(422);
    expect(unknown.body.errors[0].field).toBe('categoryCode');
    const notLocality = await request(api.getHttpServer())
      .post('/api/recommendations')
      .set(await authAs(api, 'cadre.hoaloi'))
      .send(await road26(await unitId('dot')))
      .expect(422);
    expect(notLocality.body.errors[0]).toEqual({
      field: 'localityUnitId',
      code: 'reference.locality-kind',
      reason: 'must be a commune or district, not a department',
    });
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    await request(api.getHttpServer())
      .get('/api/recommendations/4b0c5e4e-8a0e-4d7c-9d43-6f1f7c1e2a11')
      .set(await authAs(api, 'admin'))
      .expect(404);
    await request(api.getHttpServer())
      .get('/api/recommendations/road-26')
      .set(await authAs(api, 'admin'))
      .expect(400);
  });

  // The apps' role lacks the grants (test/hostile/database-roles); the triggers hold for the owner too.
  it('keeps the event log append-only in the database itself, for the owner too', async () => {
    const [event] = await sql<{ id: string }>('SELECT id FROM recommendation_events ORDER BY id LIMIT 1');
    expect(event).toBeDefined();
    await expect(
      ownerSql('UPDATE recommendation_events SET reason = $1 WHERE id = $2', ['tampered', event.id]),
    ).rejects.toThrow(/append-only/);
    await expect(ownerSql('DELETE FROM recommendation_events WHERE id = $1', [event.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(ownerSql('TRUNCATE recommendation_events CASCADE')).rejects.toThrow(/append-only/);
  });
});
