import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { useApps } from './support/apps';
import { sql, unitId } from './support/fixtures';
import { authAs } from './support/http';

/** Admin work on accounts and SLA policies: validated like everything else, and audited. */
describe('admin', () => {
  let api: INestApplication;
  const http = () => request(api.getHttpServer());
  const admin = () => authAs(api, 'admin');

  const apps = useApps({ worker: false });
  beforeAll(() => {
    api = apps.api;
  });

  it('creates an account that can sign in, refuses bad ones, and deactivates it', async () => {
    const baTri = await unitId('ba-tri');
    const body = {
      username: 'officer.batri',
      displayName: 'Chuyên viên UBND huyện Ba Tri',
      role: 'unit-officer',
      unitId: baTri,
      email: 'officer.batri@ngk.example',
      password: 'mat-khau-dai-du',
    };
    const created = await http()
      .post('/api/users')
      .set(await admin())
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({
      username: 'officer.batri',
      role: 'unit-officer',
      unitId: baTri,
      active: true,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/password|\$2[aby]\$/);
    await http()
      .post('/api/auth/login')
      .send({ username: 'officer.batri', password: 'mat-khau-dai-du' })
      .expect(200);

    await http()
      .post('/api/users')
      .set(await admin())
      .send(body)
      .expect(409);
    const noUnit = await http()
      .post('/api/users')
      .set(await admin())
      .send({ ...body, username: 'officer.nounit', unitId: undefined });
    expect(noUnit.status).toBe(422);
    expect(noUnit.body.errors).toEqual([
      { field: 'unitId', code: 'reference.unit-required', reason: 'a unit-officer must belong to a unit' },
    ]);
    const bad = await http()
      .post('/api/users')
      .set(await admin())
      .send({ ...body, username: 'x', email: 'nope', password: 'short', role: 'king' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'email',
      'password',
      'role',
      'username',
    ]);
    expect(await sql(`SELECT 1 FROM users WHERE username IN ('officer.nounit', 'x')`)).toEqual([]);

    await http()
      .patch(`/api/users/${created.body.id}`)
      .set(await admin())
      .send({ active: false, password: 'mat-khau-moi-dai' })
      .expect(200);
    await http()
      .post('/api/auth/login')
      .send({ username: 'officer.batri', password: 'mat-khau-moi-dai' })
      .expect(401);
    const audit = await sql<{ action: string; after: Record<string, unknown> }>(
      `SELECT action, after FROM admin_audit WHERE entity = 'user' AND entity_key = $1 ORDER BY id`,
      [created.body.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1].after).toMatchObject({ active: false, passwordChanged: true });
    expect(JSON.stringify(audit)).not.toMatch(/mat-khau|\$2[aby]\$/);
  });

  it('changes an SLA policy, audited; bad values are named and change nothing', async () => {
    await sql(`INSERT INTO categories (code, name_vi, name_en) VALUES ('admin-test', 'Thử quản trị', 'Admin test')
               ON CONFLICT DO NOTHING`);
    await sql(`INSERT INTO sla_policies (code, category_code, urgency, acknowledge_days, coordination_days,
                 resolution_days, feedback_days, verification_grace_days, escalation_grace_days)
               VALUES ('admin-test', 'admin-test', 'normal', 2, 5, 15, 5, 5, 5) ON CONFLICT DO NOTHING`);
    const policy = {
      acknowledgeDays: 3,
      coordinationDays: 5,
      resolutionDays: 10,
      feedbackDays: 5,
      verificationGraceDays: 5,
      escalationGraceDays: 3,
      directiveDays: 7,
      reminderPoints: [{ workingDaysBefore: 1, at: '07:30' }],
    };
    const bad = await http()
      .put('/api/sla-policies/admin-test')
      .set(await admin())
      .send({ ...policy, resolutionDays: 0, reminderPoints: [{ workingDaysBefore: 1, at: '7h30' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'reminderPoints.0.at',
      'resolutionDays',
    ]);
    await http()
      .put('/api/sla-policies/no-such-policy')
      .set(await admin())
      .send(policy)
      .expect(404);
    const [unchanged] = await sql(`SELECT resolution_days FROM sla_policies WHERE code = 'admin-test'`);
    expect(unchanged).toEqual({ resolution_days: 15 });

    const res = await http()
      .put('/api/sla-policies/admin-test')
      .set(await admin())
      .send(policy)
      .expect(200);
    expect(res.body).toMatchObject({
      code: 'admin-test',
      resolutionDays: 10,
      reminderPoints: policy.reminderPoints,
    });
    const [audit] = await sql<{ before: { resolutionDays: number }; after: { resolutionDays: number } }>(
      `SELECT before, after FROM admin_audit WHERE entity = 'sla_policy' AND entity_key = 'admin-test'`,
    );
    expect([audit.before.resolutionDays, audit.after.resolutionDays]).toEqual([15, 10]);
  });

  it('adds and changes units and routing rules, checking every reference, with an audit', async () => {
    const baTri = await unitId('ba-tri');
    const unit = {
      code: 'xa-thu-nghiem',
      kind: 'commune',
      nameVi: 'Xã Thử Nghiệm',
      nameEn: 'Test Commune',
      parentId: baTri,
      validFrom: '2025-07-01',
    };
    const created = await http()
      .post('/api/units')
      .set(await admin())
      .send(unit)
      .expect(201);
    await http()
      .post('/api/units')
      .set(await admin())
      .send(unit)
      .expect(409);
    const orphan = await http()
      .post('/api/units')
      .set(await admin())
      .send({ ...unit, code: 'xa-mo-coi', parentId: '5e1d7b0c-0d2a-4f7e-8c7b-1b2a3c4d5e6f' });
    expect(orphan.status).toBe(422);
    expect(orphan.body.errors).toEqual([
      { field: 'parentId', code: 'reference.unknown-unit', reason: 'no such unit' },
    ]);
    const backwards = await http()
      .post('/api/units')
      .set(await admin())
      .send({ ...unit, code: 'xa-nguoc', validTo: '2024-01-01' });
    expect(backwards.status).toBe(422);
    expect(await sql(`SELECT 1 FROM units WHERE code IN ('xa-mo-coi', 'xa-nguoc')`)).toEqual([]);
    const renamed = await http()
      .patch(`/api/units/${created.body.id}`)
      .set(await admin())
      .send({ nameVi: 'Xã Thử Nghiệm Mới', validTo: '2030-12-31' })
      .expect(200);
    expect(renamed.body).toMatchObject({
      code: 'xa-thu-nghiem',
      nameVi: 'Xã Thử Nghiệm Mới',
      validTo: '2030-12-31',
    });

    await sql(`INSERT INTO categories (code, name_vi, name_en) VALUES ('admin-test', 'Thử quản trị', 'Admin test')
               ON CONFLICT DO NOTHING`);
    const mass = await unitId('mass-mobilization-board');
    const rule = {
      code: 'admin-test-rule',
      categoryCode: 'admin-test',
      localityUnitId: created.body.id,
      leadUnitId: mass,
      coordinatingUnitIds: [baTri],
    };
    const made = await http()
      .post('/api/routing-rules')
      .set(await admin())
      .send(rule)
      .expect(201);
    expect(made.body).toMatchObject({ code: 'admin-test-rule', leadUnitId: mass, active: true, priority: 0 });
    await http()
      .post('/api/routing-rules')
      .set(await admin())
      .send(rule)
      .expect(409);
    for (const [change, field] of [
      [{ leadUnitId: created.body.id }, 'leadUnitId'],
      [{ coordinatingUnitIds: [mass] }, 'coordinatingUnitIds'],
      [{ slaPolicyCode: 'no-such-policy' }, 'slaPolicyCode'],
      [{ categoryCode: 'no-such-category' }, 'categoryCode'],
    ] as const) {
      const res = await http()
        .post('/api/routing-rules')
        .set(await admin())
        .send({ ...rule, code: 'admin-test-bad', ...change });
      expect([field, res.status, res.body.errors?.[0]?.field]).toEqual([field, 422, field]);
    }
    await http()
      .patch(`/api/routing-rules/${made.body.id}`)
      .set(await admin())
      .send({ active: false })
      .expect(200);
    // What an update leaves out keeps its value: the rule stays inactive.
    const raised = await http()
      .patch(`/api/routing-rules/${made.body.id}`)
      .set(await admin())
      .send({ priority: 5 })
      .expect(200);
    expect(raised.body).toMatchObject({ priority: 5, active: false, leadUnitId: mass });
    const audit = await sql<{ entity: string; action: string }>(
      `SELECT entity, action FROM admin_audit WHERE entity_key = ANY($1) ORDER BY id`,
      [[created.body.id, made.body.id]],
    );
    expect(audit).toEqual([
      { entity: 'unit', action: 'create' },
      { entity: 'unit', action: 'update' },
      { entity: 'routing_rule', action: 'create' },
      { entity: 'routing_rule', action: 'update' },
      { entity: 'routing_rule', action: 'update' },
    ]);
  });
});
