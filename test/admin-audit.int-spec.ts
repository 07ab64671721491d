import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { useApps } from './support/apps';
import { unitId } from './support/fixtures';
import { authAs } from './support/http';

/** What the admin screens read: who changed each record and when; refusals that name their field. */
describe('admin audit for the admin screens', () => {
  let api: INestApplication;
  const http = () => request(api.getHttpServer());
  const admin = () => authAs(api, 'admin');

  const apps = useApps({ worker: false });
  beforeAll(() => {
    api = apps.api;
  });

  it('says who changed a unit, when, and which fields, newest first', async () => {
    // A unit of its own: seeded names are what other tests read.
    const created = await http()
      .post('/api/units')
      .set(await admin())
      .send({
        code: `audit-${Date.now().toString(36)}`,
        kind: 'department',
        nameVi: 'Sở thử nhật ký',
        nameEn: 'Audit test department',
        parentId: await unitId('ben-tre'),
        validFrom: '2025-07-01',
      })
      .expect(201);
    const id = created.body.id as string;
    const started = Date.now();
    await http()
      .patch(`/api/units/${id}`)
      .set(await admin())
      .send({ headTitle: 'Bí thư Đảng ủy xã (thử)' })
      .expect(200);
    await http()
      .patch(`/api/units/${id}`)
      .set(await admin())
      .send({ headTitle: null, nameEn: 'Audit test department (renamed)' })
      .expect(200);

    const history = await http()
      .get('/api/admin/audit')
      .query({ entity: 'unit', key: id })
      .set(await admin())
      .expect(200);
    expect(history.body.map((c: { action: string }) => c.action)).toEqual(['update', 'update', 'create']);
    const [last, previous] = history.body;
    expect(last).toMatchObject({
      entity: 'unit',
      key: id,
      action: 'update',
      actor: { username: 'admin', displayName: 'Quản trị hệ thống' },
    });
    expect(last.changed).toEqual(['headTitle', 'nameEn']);
    expect(previous.changed).toEqual(['headTitle']);
    expect(previous.after.headTitle).toBe('Bí thư Đảng ủy xã (thử)');
    expect(Date.parse(last.occurredAt)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(last.occurredAt)).toBeGreaterThanOrEqual(Date.parse(previous.occurredAt));

    const latest = await http()
      .get('/api/admin/audit')
      .query({ entity: 'unit', latest: 'true' })
      .set(await admin())
      .expect(200);
    const keys = latest.body.map((c: { key: string }) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(latest.body.find((c: { key: string }) => c.key === id).id).toBe(last.id);
  });

  it('never shows a password, only that one was changed', async () => {
    const created = await http()
      .post('/api/users')
      .set(await admin())
      .send({
        username: `audit.pw.${Date.now().toString(36)}`,
        displayName: 'Kiểm tra nhật ký',
        role: 'leadership-viewer',
        password: 'mat-khau-ban-dau',
      })
      .expect(201);
    await http()
      .patch(`/api/users/${created.body.id}`)
      .set(await admin())
      .send({ password: 'mat-khau-thu-hai' })
      .expect(200);
    const history = await http()
      .get('/api/admin/audit')
      .query({ entity: 'user', key: created.body.id })
      .set(await admin())
      .expect(200);
    expect(history.body.map((c: { action: string }) => c.action)).toEqual(['update', 'create']);
    expect(history.body[0].changed).toEqual(['passwordChanged']);
    expect(JSON.stringify(history.body)).not.toMatch(/mat-khau|\$2[aby]\$/);
  });

  it('is for admins only, and names a bad filter', async () => {
    await http()
      .get('/api/admin/audit')
      .query({ entity: 'unit' })
      .set(await authAs(api, 'viewer.leadership'))
      .expect(403);
    const bad = await http()
      .get('/api/admin/audit')
      .query({ entity: 'password', limit: 0 })
      .set(await admin())
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['entity', 'limit']);
  });

  it('refuses a taken username or code under its field, so the form shows it there', async () => {
    const taken = await http()
      .post('/api/users')
      .set(await admin())
      .send({ username: 'ADMIN', displayName: 'Trùng tên', role: 'admin', password: 'mat-khau-dai-du' })
      .expect(409);
    expect(taken.body.errors).toEqual([
      { field: 'username', code: 'user.username-taken', reason: 'username "ADMIN" is taken' },
    ]);
    const code = await http()
      .post('/api/units')
      .set(await admin())
      .send({ code: 'phu-le', kind: 'commune', nameVi: 'Xã trùng', nameEn: 'Dup', validFrom: '2025-07-01' })
      .expect(409);
    expect(code.body.errors).toEqual([
      { field: 'code', code: 'code.taken', reason: 'code "phu-le" is taken' },
    ]);
  });
});
