import { Client } from '@temporalio/client';
import { RECOMMENDATION_WORKFLOW_TYPE } from '@ngk/definitions';
import { recommendationWorkflowId } from '@ngk/temporal';
import { examples } from '../support/examples';
import { sql } from '../support/fixtures';
import { client, eventually } from '../support/http';
import { useAppsOnOwnTemporal } from '../support/own-temporal';

/**
 * Requests that reach Temporal while its server is down are answered 503 with a code of their own and
 * Retry-After, and leave nothing behind; the same requests, retried with their keys once it is back,
 * pass once each. An action on an item whose workflow task keeps failing is answered 503 too.
 */
/** Items this file submits for the outage, by their titles. */
async function outageItems(): Promise<number> {
  const [{ items }] = await sql<{ items: number }>(
    `SELECT count(*)::int AS items FROM recommendations WHERE title LIKE 'Sự cố: Temporal ngừng%'`,
  );
  return items;
}

/** Acknowledgements the read model shows for an item. */
async function acknowledgements(recommendationId: string): Promise<number> {
  const [{ acknowledged }] = await sql<{ acknowledged: number }>(
    `SELECT count(*)::int AS acknowledged FROM recommendation_events
      WHERE recommendation_id = $1 AND type = 'acknowledged'`,
    [recommendationId],
  );
  return acknowledged;
}

describe('faults: Temporal unreachable while a cadre submits and a department acts', () => {
  const own = useAppsOnOwnTemporal('faults-temporal-outage');

  it('answers 503 temporal.unavailable while it is down, and takes the retries once it is back', async () => {
    const http = client(own.api);
    const body = (await examples()).propaganda;
    const first = await http.submit('cadre.phongnam', { ...body, title: 'Sự cố: Temporal ngừng (1)' });
    expect(first.status).toBe(201);
    const second = { ...body, title: 'Sự cố: Temporal ngừng (2)' };
    const submitKey = `outage-submit-${Date.now()}`;
    const actKey = `outage-act-${Date.now()}`;

    let whileDown: Awaited<ReturnType<typeof http.submit>>[] = [];
    await own.temporal.restart(async () => {
      whileDown = await Promise.all([
        http.submit('cadre.phongnam', second, submitKey),
        http.act('officer.propaganda', first.body.id, 'acknowledge', {}, actKey),
      ]);
    });

    for (const res of whileDown) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('10');
      expect(res.body).toMatchObject({ statusCode: 503, code: 'temporal.unavailable' });
    }
    // Nothing half-written: no second item, and the first one not acknowledged.
    expect(await outageItems()).toBe(1);
    expect(await acknowledgements(first.body.id)).toBe(0);

    // Back: the same requests with the same keys pass, once each. The worker's polls back off while
    // the server was down, so the first retries may wait for them.
    const again = await http.submit('cadre.phongnam', second, submitKey);
    expect(again.status).toBe(201);
    const acted = await http.act('officer.propaganda', first.body.id, 'acknowledge', {}, actKey);
    expect(acted.status).toBe(200);
    expect(acted.body.status).toBe('in-progress');
    expect(await outageItems()).toBe(2);
    expect(await acknowledgements(first.body.id)).toBe(1);
  }, 240_000);

  it('answers 503 workflow.not-ready to an action on an item whose workflow task keeps failing', async () => {
    const http = client(own.api);
    const body = (await examples()).propaganda;
    const item = await http.submit('cadre.phongnam', { ...body, title: 'Sự cố: bước xử lý lỗi' });
    expect(item.status).toBe(201);
    // The item's run is replaced by one whose workflow code throws at once (it is given no input), as a
    // fault in workflow code would: each of its workflow tasks fails, and the worker retries them.
    const temporalClient = own.api.get(Client);
    const workflowId = recommendationWorkflowId(item.body.id);
    await temporalClient.workflow.getHandle(workflowId).terminate('test: a run whose workflow task fails');
    const broken = await temporalClient.workflow.start(RECOMMENDATION_WORKFLOW_TYPE, {
      taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
      workflowId,
      args: [{}],
    });
    await eventually(
      () => broken.describe(),
      (d) => (d.raw.pendingWorkflowTask?.attempt ?? 0) > 1,
      30_000,
    );

    const key = `not-ready-${Date.now()}`;
    const refused = await http.act('officer.propaganda', item.body.id, 'acknowledge', {}, key);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'workflow.not-ready' });
    expect(await acknowledgements(item.body.id)).toBe(0);
    await broken.terminate('test: done');
  }, 120_000);
});
