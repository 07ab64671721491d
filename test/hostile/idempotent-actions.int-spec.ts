import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { recommendationWorkflowId } from '@ngk/temporal';
import { ActionKeyRetention } from '../../apps/api/src/recommendations/action-key-retention.service';
import { useAppsOnOwnDatabase } from '../support/apps';
import { examples } from '../support/examples';
import { sql } from '../support/fixtures';
import { client, refusedWithoutWrites } from '../support/http';
import { acknowledgedItem, progressNotes as notes, refusalsBeforeSending } from './acknowledged-items';

const UPDATES_PER_RUN = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client that retries gets the first answer, and the action is taken once. */
describe('actions sent with an Idempotency-Key', () => {
  const apps = useAppsOnOwnDatabase('idempotent_actions', {
    WORKFLOW_UPDATES_PER_RUN: String(UPDATES_PER_RUN),
  });
  let http: ReturnType<typeof client>;
  const acknowledged = (title: string) => acknowledgedItem(http, title);
  beforeAll(() => {
    http = client(apps.api);
  });

  it('answers a retried action with its first answer and records it once', async () => {
    const id = await acknowledged('Gửi lại cùng khóa');
    const key = randomUUID();
    const first = await http.act('officer.propaganda', id, 'progress', { note: 'Đã khảo sát' }, key);
    expect(first.status).toBe(200);
    const again = await http.act('officer.propaganda', id, 'progress', { note: 'Đã khảo sát' }, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await notes(id)).toEqual(['Đã khảo sát']);

    // The same key with another body: refused, naming the header, and nothing written.
    const other = await refusedWithoutWrites({ recommendationId: id }, () =>
      http.act('officer.propaganda', id, 'progress', { note: 'Nội dung khác' }, key),
    );
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({
      code: 'idempotency.key-reused',
      errors: [{ field: 'Idempotency-Key', code: 'idempotency.key-reused' }],
    });
  });

  it('answers a retried resolve with 200 again, not 409', async () => {
    const id = await acknowledged('Giải quyết gửi lại');
    const key = randomUUID();
    const body = { outcome: 'implemented', response: 'Đã tổ chức tuyên truyền.' };
    const first = await http.act('officer.propaganda', id, 'resolve', body, key);
    expect(first.status).toBe(200);
    const again = await http.act('officer.propaganda', id, 'resolve', body, key);
    expect([again.status, again.body.status]).toEqual([200, 'resolved']);
    // A new key is a new request: the item is resolved already.
    const fresh = await http.act('officer.propaganda', id, 'resolve', body, randomUUID());
    expect([fresh.status, fresh.body.code]).toEqual([409, 'lifecycle.not-allowed-in-state']);
  });

  it('answers a retried refusal with the same refusal and status', async () => {
    const id = await acknowledged('Từ chối gửi lại');
    const key = randomUUID();
    // The cadre may not post progress: 403, with the rule.
    const first = await http.act('cadre.phule', id, 'progress', { note: 'Không phải việc của tôi' }, key);
    expect(first.status).toBe(403);
    const again = await http.act('cadre.phule', id, 'progress', { note: 'Không phải việc của tôi' }, key);
    expect([again.status, again.body]).toEqual([403, first.body]);
  });

  it('refuses a malformed key with 400, naming the header', async () => {
    const id = await acknowledged('Khóa sai');
    for (const key of ['has space', 'x'.repeat(129), 'ngã-ba']) {
      const res = await refusedWithoutWrites({ recommendationId: id }, () =>
        http.act('officer.propaganda', id, 'progress', { note: 'n' }, key),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'Idempotency-Key', code: 'idempotency.key-format' }),
      ]);
    }
  });

  it('keeps no record of a keyed action refused before it is sent', async () => {
    const id = await acknowledged('Từ chối trước khi gửi');
    for (const [send, status, code] of refusalsBeforeSending(http, id)) {
      const key = randomUUID();
      const res = await send(key);
      expect(res.status).toBe(status);
      if (code) expect(res.body.errors).toEqual([expect.objectContaining({ code })]);
      const [{ records }] = await sql<{ records: number }>(
        `SELECT count(*)::int AS records FROM action_requests WHERE idempotency_key = $1`,
        [key],
      );
      expect(records).toBe(0);
    }
  });

  it('forgets a key after ACTION_KEY_RETENTION_DAYS; the workflow still takes its retry once', async () => {
    const id = await acknowledged('Khóa hết hạn');
    const [old, recent] = [randomUUID(), randomUUID()];
    expect((await http.act('officer.propaganda', id, 'progress', { note: 'Cũ' }, old)).status).toBe(200);
    expect((await http.act('officer.propaganda', id, 'progress', { note: 'Mới' }, recent)).status).toBe(200);
    // The first is a day past the week the keys are kept by default; the second is a day short of it.
    const age = (key: string, days: number) =>
      sql(
        `UPDATE action_requests SET created_at = now() - make_interval(days => $2)
          WHERE recommendation_id = $1 AND idempotency_key = $3`,
        [id, days, key],
      );
    await age(old, 8);
    await age(recent, 6);
    // A request cut short a week ago keeps its record: a retry may be answering it now.
    const cut = randomUUID();
    await sql(
      `INSERT INTO action_requests (user_id, recommendation_id, idempotency_key, action, request_hash, created_at)
       SELECT user_id, recommendation_id, $2, action, request_hash, now() - interval '9 days'
         FROM action_requests WHERE recommendation_id = $1 AND idempotency_key = $3`,
      [id, cut, recent],
    );
    const kept = async () =>
      (
        await sql<{ key: string }>(
          `SELECT idempotency_key AS key FROM action_requests WHERE recommendation_id = $1 ORDER BY created_at`,
          [id],
        )
      ).map((r) => r.key);
    expect(await kept()).toEqual([cut, old, recent]);
    // The API's own hourly run may get there first: what counts is what is left.
    await apps.api.get(ActionKeyRetention).purge();
    expect(await kept()).toEqual([cut, recent]);
    // Past the retention a retry is a new request to the API; the workflow knows its Update id and
    // answers it without taking the note again.
    const again = await http.act('officer.propaganda', id, 'progress', { note: 'Cũ' }, old);
    expect(again.status).toBe(200);
    expect(await notes(id)).toEqual(['Cũ', 'Mới']);
    expect(await kept()).toEqual([cut, recent, old]);
  });

  it('takes a retry that reaches the next run of the workflow once', async () => {
    const id = await acknowledged('Gửi lại qua lượt chạy mới');
    const key = randomUUID();
    expect((await http.act('officer.propaganda', id, 'progress', { note: 'Lần đầu' }, key)).status).toBe(200);
    // The API lost its answer (it stopped before writing it down): the key is known, the answer is not.
    await sql(
      `UPDATE action_requests SET status_code = NULL, answer = NULL, answered_at = NULL
        WHERE recommendation_id = $1 AND idempotency_key = $2`,
      [id, key],
    );
    // Enough actions for the workflow to continue as new: Temporal's own record of the key is gone.
    for (let i = 0; i < UPDATES_PER_RUN; i++)
      expect((await http.act('officer.propaganda', id, 'progress', { note: `#${i}` })).status).toBe(200);
    const workflowId = recommendationWorkflowId(id);
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    try {
      const runs: string[] = [];
      for await (const run of new Client({ connection }).workflow.list({
        query: `WorkflowId = '${workflowId}'`,
      }))
        runs.push(run.status.name);
      expect(runs).toContain('CONTINUED_AS_NEW');
    } finally {
      await connection.close();
    }
    const again = await http.act('officer.propaganda', id, 'progress', { note: 'Lần đầu' }, key);
    expect(again.status).toBe(200);
    expect((await notes(id)).filter((n) => n === 'Lần đầu')).toHaveLength(1);
  });

  it('finds a submission by its key after Temporal has forgotten the closed item, and starts no second workflow', async () => {
    const body = { ...(await examples()).propaganda, title: 'Khóa sau thời hạn lưu' };
    const key = randomUUID();
    const submitted = await http.submit('cadre.phule', body, key);
    expect(submitted.status).toBe(201);
    const id: string = submitted.body.id;
    expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);
    const resolved = { outcome: 'implemented', response: 'Đã tổ chức tuyên truyền.' };
    expect((await http.act('officer.propaganda', id, 'resolve', resolved)).status).toBe(200);
    expect((await http.act('cadre.phule', id, 'feedback', { verdict: 'accept' })).status).toBe(200);

    // What retention does to a closed workflow: Temporal deletes it.
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    const temporal = new Client({ connection, namespace: process.env.TEMPORAL_NAMESPACE ?? 'default' });
    try {
      const workflowId = recommendationWorkflowId(id);
      await connection.workflowService.deleteWorkflowExecution({
        namespace: temporal.options.namespace,
        workflowExecution: { workflowId },
      });
      await expect(
        (async () => {
          for (;;) {
            await temporal.workflow.getHandle(workflowId).describe();
            await sleep(200);
          }
        })(),
      ).rejects.toThrow(/not found/i);

      const again = await http.submit('cadre.phule', body, key);
      expect([again.status, again.body.id, again.body.status]).toEqual([201, id, 'closed']);
      const other = await http.submit('cadre.phule', { ...body, title: 'Nội dung khác' }, key);
      expect([other.status, other.body.code]).toEqual([422, 'idempotency.key-reused']);
      // No second life for the item: its workflow stays gone.
      await expect(temporal.workflow.getHandle(workflowId).describe()).rejects.toThrow(/not found/i);
    } finally {
      await connection.close();
    }
  });
});
