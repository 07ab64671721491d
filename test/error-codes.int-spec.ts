import { ApplicationFailure } from '@temporalio/common';
import { Client as TemporalClient, WorkflowUpdateFailedError } from '@temporalio/client';
import request from 'supertest';
import { actionUpdates } from '@ngk/definitions';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { ownCadre, sql } from './support/fixtures';
import { authAs, client, refusedWithoutWrites } from './support/http';

/**
 * Every refusal carries a stable code beside its English message, field errors each their own; amounts
 * typed the Vietnamese way are taken; a plan's budget year must agree with its plan date, in the API and
 * in the workflow alike.
 */
describe('refusal codes, amounts and budget years', () => {
  const apps = useApps();
  const http = () => client(apps.api);
  let road26: Record<string, unknown>;

  beforeAll(async () => {
    road26 = (await examples()).road26;
    await ownCadre('cadre.error-codes');
  });

  it('takes "1.500.000.000" and "1 500 000 000" as 1500000000 đồng, and stores that', async () => {
    for (const typed of ['1.500.000.000', '1 500 000 000', '1,500,000,000']) {
      const res = await http().submit('cadre.hoaloi', { ...road26, costEstimateVnd: typed });
      expect(res.status).toBe(201);
      expect(res.body.costEstimateVnd).toBe('1500000000');
      const [row] = await sql<{ cost: string }>(
        `SELECT cost_estimate_vnd::text AS cost FROM recommendations WHERE id = $1`,
        [res.body.id],
      );
      expect(row.cost).toBe('1500000000');
    }
  });

  it('refuses a decimal amount and an empty title with a code per field, and stores nothing', async () => {
    const res = await refusedWithoutWrites({ username: 'cadre.error-codes' }, () =>
      http().submit('cadre.error-codes', { ...road26, title: '  ', costEstimateVnd: '1.500.000,5' }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      message: 'Validation failed',
      code: 'validation.failed',
    });
    expect(res.body.errors).toEqual([
      { field: 'title', code: 'isNotEmpty', reason: 'title should not be empty' },
      {
        field: 'costEstimateVnd',
        code: 'vndAmountDecimal',
        reason: 'costEstimateVnd must be a whole number of VND, without a decimal part',
      },
    ]);
    const short = await http().submit('cadre.hoaloi', { ...road26, title: 'Đg', costEstimateVnd: '1,500' });
    expect(short.body.errors).toEqual([
      expect.objectContaining({ field: 'title', code: 'minLength', params: { min: 5 } }),
      expect.objectContaining({ field: 'costEstimateVnd', code: 'vndAmountAmbiguous' }),
    ]);
  });

  it('codes an unknown item, an unknown route, a missing sign-in and a wrong password', async () => {
    const missing = await http().get('cadre.hoaloi', '5e1d7b0c-0d2a-4f7e-8c7b-1b2a3c4d5e6f');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      code: 'recommendation.not-found',
      message: 'recommendation 5e1d7b0c-0d2a-4f7e-8c7b-1b2a3c4d5e6f not found',
    });
    const server = apps.api.getHttpServer();
    const route = await request(server)
      .get('/api/no-such-route')
      .set(await authAs(apps.api, 'admin'));
    expect(route.status).toBe(404);
    expect(typeof route.body.code).toBe('string');
    const anonymous = await request(server).get('/api/recommendations');
    expect(anonymous.body).toMatchObject({ statusCode: 401, code: 'auth.sign-in-required' });
    const login = await request(server)
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'wrong' });
    expect(login.body).toMatchObject({ statusCode: 401, code: 'auth.wrong-credentials' });
  });

  describe('a planned outcome', () => {
    let id: string;
    const plan = { response: 'Đưa vào kế hoạch đầu tư công.', outcome: 'planned', planDate: '2027-06-30' };

    beforeAll(async () => {
      const res = await http().submit('cadre.hoaloi', road26);
      expect(res.status).toBe(201);
      id = res.body.id;
      expect((await http().act('officer.thanhphu', id, 'acknowledge')).status).toBe(200);
    });

    it('is refused by the API with a budget year long before or after its plan date', async () => {
      for (const budgetYear of [2020, 2028]) {
        const res = await refusedWithoutWrites({ recommendationId: id }, () =>
          http().act('officer.thanhphu', id, 'resolve', { ...plan, budgetYear }),
        );
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([
          {
            field: 'budgetYear',
            code: 'budgetYearFitsPlanDate',
            reason: "budgetYear must be the plan date's year (2027) or the year before it",
          },
        ]);
      }
    });

    it('is refused by the workflow too, before anything is written', async () => {
      const [row] = await sql<{ workflowId: string; userId: string; unitId: string }>(
        `SELECT r.workflow_id AS "workflowId", u.id AS "userId", u.unit_id AS "unitId"
           FROM recommendations r, users u WHERE r.id = $1 AND u.username = 'officer.thanhphu'`,
        [id],
      );
      const refused = await refusedWithoutWrites({ recommendationId: id }, () =>
        apps.api
          .get(TemporalClient)
          .workflow.getHandle(row.workflowId)
          .executeUpdate(actionUpdates.resolve, {
            args: [
              {
                actor: { userId: row.userId, role: 'unit-officer', unitId: row.unitId },
                input: { action: 'resolve', ...plan, outcome: 'planned', budgetYear: 2020 },
              },
            ],
          })
          .then(
            () => null,
            (err: unknown) => err,
          ),
      );
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      const cause = (refused as WorkflowUpdateFailedError).cause as ApplicationFailure;
      expect(cause).toBeInstanceOf(ApplicationFailure);
      expect(cause.type).toBe('invalid');
      expect(cause.details?.[0]).toMatchObject({
        rule: 'lifecycle.budget-year-mismatch',
        field: 'budgetYear',
        params: { planYear: 2027, first: 2026, last: 2027 },
      });
    });

    it("is taken with the plan date's year or the year before it", async () => {
      const res = await http().act('officer.thanhphu', id, 'resolve', { ...plan, budgetYear: 2026 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'resolved', planDate: '2027-06-30', budgetYear: 2026 });
    });
  });
});
