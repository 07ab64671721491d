import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import type { ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import { localDate, TimeScale } from '../libs/domain/src';
import { recommendationWorkflowId } from '../libs/temporal/src';
import { migrateDatabase } from '../scripts/lib/database';
import { dropDatabase, provideDatabase } from '../scripts/lib/postgres';
import { stopChild } from '../scripts/lib/stop-child';
import { startApi, startWorker, useApps } from './support/apps';
import { CLOCK_START, shortClockEnv } from './support/clock';
import { testPostgres } from './support/fixtures';
import { examples } from './support/examples';
import { client, eventually } from './support/http';
import { checkoutPreviousRelease, type ReleaseCheckout } from './support/release-checkout';

/**
 * An upgrade keeps running items. The previous release's API and worker, run from its tag, leave items in
 * every state in which they wait for someone; then both are replaced by the current code, as a deployment
 * replaces them: the database migrated forward, the same task queue, and every item finished through
 * HTTP. The current worker replays each item's history from the previous release first, so a workflow
 * change that is not behind `patched()` fails here.
 *
 * A day lasts DAY_SECONDS: long enough that no deadline moves an item while the apps are replaced (the
 * first that would, a feedback window or the Standing Committee's grace period, is five working days
 * away), short enough that a plan date set beyond the replacement falls due soon after it.
 */
const DAY_SECONDS = 30;
/** The replacement (stop, migrate, start) is over well within this: the plan date falls due after it. */
const REPLACEMENT_MS = 30_000;
const TASK_QUEUE = 'ngk-upgrade-test';

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Waiting =
  | 'routed'
  | 'coordination-pending'
  | 'awaiting-info'
  | 'resolved'
  | 'standing-committee-review'
  | 'planned'
  | 'extension-pending';

describe('upgrade from the previous release', () => {
  const epoch = new Date().toISOString();
  const scale = TimeScale.dayLasts(DAY_SECONDS, Date.parse(epoch), Date.parse(CLOCK_START));
  const postgres = testPostgres();
  const database = `ngk_test_upgrade_${process.pid}_${Date.now().toString(36)}`;
  const log = (line: string) => console.log(`[upgrade] ${line}`);

  let checkout: ReleaseCheckout | undefined;
  let oldWorker: ChildProcess;
  let oldApi: { child: ChildProcess; url: string };
  let api: INestApplication | undefined;
  let worker: INestApplicationContext | undefined;
  let temporal: Connection;
  const items = {} as Record<Waiting, string>;

  // Only the environment: a database of its own that the previous release migrates, a task queue of
  // its own, the shortened clock. The current apps start mid-file, once the previous ones are gone.
  useApps({
    worker: false,
    api: false,
    // The previous release knew one role: its apps, its migrations and this file sign in as the owner
    // until the current release takes over and gives the apps a role of their own.
    env: async () => {
      const urls = await provideDatabase(postgres, database);
      appUrl = urls.app;
      return {
        DATABASE_URL: urls.owner,
        DATABASE_MIGRATION_URL: urls.owner,
        TEMPORAL_TASK_QUEUE: TASK_QUEUE,
        ...shortClockEnv(DAY_SECONDS, epoch),
      };
    },
  });
  let appUrl: string;

  beforeAll(async () => {
    const started = Date.now();
    checkout = await checkoutPreviousRelease(log);
    await checkout.migrate(process.env);
    [oldWorker, oldApi] = await Promise.all([
      checkout.spawnWorker(process.env),
      checkout.spawnApi(process.env),
    ]);
    temporal = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    log(
      `release ${checkout.release.version} (${checkout.release.commit.slice(0, 10)}, by ${checkout.release.foundBy}, ` +
        `node_modules ${checkout.modules}) running in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 600_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await temporal?.close();
    await checkout?.remove();
    await dropDatabase(postgres.adminUrl, database);
  });

  const ok = async (res: Promise<{ status: number; body: Body }>, status = 200): Promise<Body> => {
    const r = await res;
    if (r.status !== status)
      throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body;
  };

  it('the previous release leaves items waiting in every state', async () => {
    const http = client(oldApi.url);
    const ex = await examples();
    const submit = async (as: string, body: Body, title: string) =>
      (await ok(http.submit(as, { ...body, title: `Nâng cấp: ${title}` }), 201)).id as string;

    items.routed = await submit('cadre.phongnam', ex.propaganda, 'chờ tiếp nhận');

    items['coordination-pending'] = await submit('cadre.phongnam', ex.reportFormat, 'chờ ý kiến phối hợp');
    await ok(http.act('officer.organization', items['coordination-pending'], 'acknowledge'));

    items['awaiting-info'] = await submit('cadre.anthanh', ex.wells418, 'chờ bổ sung thông tin');
    await ok(http.act('officer.dard', items['awaiting-info'], 'acknowledge'));
    await ok(http.act('officer.dard', items['awaiting-info'], 'request-info', { question: 'Bao nhiêu hộ?' }));

    items.resolved = await submit('cadre.phongnam', ex.propaganda, 'chờ phản hồi');
    await ok(http.act('officer.propaganda', items.resolved, 'acknowledge'));
    await ok(
      http.act('officer.propaganda', items.resolved, 'resolve', {
        response: 'Đã ban hành.',
        outcome: 'implemented',
      }),
    );

    items['standing-committee-review'] = await submit('cadre.phongnam', ex.reportFormat, 'chờ Ban Thường vụ');
    await ok(http.act('officer.organization', items['standing-committee-review'], 'acknowledge'));
    for (const round of [1, 2]) {
      await ok(
        http.act('officer.organization', items['standing-committee-review'], 'resolve', {
          response: `Trả lời lần ${round}.`,
          outcome: 'partly-accepted',
        }),
      );
      await ok(
        http.act('cadre.phongnam', items['standing-committee-review'], 'feedback', {
          verdict: 'dispute',
          reason: `Chưa thỏa đáng (${round}).`,
        }),
      );
    }

    items['extension-pending'] = await submit('cadre.hoaloi', ex.road26, 'chờ quyết định gia hạn');
    await ok(http.act('officer.thanhphu', items['extension-pending'], 'acknowledge'));
    await ok(
      http.act('officer.thanhphu', items['extension-pending'], 'request-extension', {
        workingDays: 5,
        reason: 'Chờ bố trí vốn.',
      }),
    );

    // Last, so that its plan date is still ahead when the apps are replaced: the day after the one the
    // shortened clock shows once the replacement is over.
    items.planned = await submit('cadre.phule', ex.quarterlyMeetings, 'chờ đến ngày kế hoạch');
    await ok(http.act('officer.organization', items.planned, 'acknowledge'));
    const planDate = localDate(scale.toVirtual(Date.now() + REPLACEMENT_MS) + 86_400_000);
    await ok(
      http.act('officer.organization', items.planned, 'resolve', {
        response: 'Đưa vào quy chế làm việc.',
        outcome: 'planned',
        planDate,
        budgetYear: Number(planDate.slice(0, 4)),
      }),
    );
    await ok(http.act('cadre.phule', items.planned, 'feedback', { verdict: 'accept' }));

    const now = async (as: string, id: string) => {
      const item = await ok(http.get(as, id));
      return { status: item.status, allowedActions: item.allowedActions };
    };
    expect(await now('officer.propaganda', items.routed)).toMatchObject({ status: 'routed' });
    expect(await now('officer.propaganda', items['coordination-pending'])).toEqual({
      status: 'in-progress',
      allowedActions: ['coordinate'],
    });
    expect(await now('cadre.anthanh', items['awaiting-info'])).toEqual({
      status: 'awaiting-info',
      allowedActions: ['provide-info'],
    });
    expect(await now('cadre.phongnam', items.resolved)).toEqual({
      status: 'resolved',
      allowedActions: ['feedback'],
    });
    expect(await now('member.standing', items['standing-committee-review'])).toEqual({
      status: 'standing-committee-review',
      allowedActions: ['directive'],
    });
    expect(await now('head.thanhphu', items['extension-pending'])).toMatchObject({
      status: 'in-progress',
      allowedActions: expect.arrayContaining(['decide-extension']),
    });
    expect(await now('cadre.phule', items.planned)).toEqual({ status: 'planned', allowedActions: [] });
  });

  it('the current API and worker replace them on the same database and task queue', async () => {
    // The plan date is still ahead: it will fall due under the current worker.
    const types = (await client(oldApi.url).timeline(items.planned)).map((e) => e.type);
    expect(types).not.toContain('verification-due');
    // A deployment stops the old apps (gracefully: what they hold is finished), migrates, starts the new.
    await Promise.all([stopChild(oldWorker), stopChild(oldApi.child)]);
    // The current release's migrations run as the owner and give the apps a role of their own.
    process.env.DATABASE_URL = appUrl;
    await migrateDatabase(
      { app: appUrl, owner: process.env.DATABASE_MIGRATION_URL! },
      { seed: true, demo: true },
    );
    [worker, api] = await Promise.all([startWorker(), startApi()]);
  });

  // Longer than the default: the plan date may be a shortened day and the replacement away.
  it('finishes every item through the current API', async () => {
    const http = client(api!);
    const act = (as: string, id: string, action: string, body: Body = {}) =>
      ok(http.act(as, id, action, body));
    const accept = (as: string, id: string) => act(as, id, 'feedback', { verdict: 'accept' });
    const resolve = (as: string, id: string) =>
      act(as, id, 'resolve', { response: 'Đã xử lý sau nâng cấp.', outcome: 'implemented' });

    await act('officer.propaganda', items.routed, 'acknowledge');
    await resolve('officer.propaganda', items.routed);
    await accept('cadre.phongnam', items.routed);

    await act('officer.propaganda', items['coordination-pending'], 'coordinate', { opinion: 'Đồng ý.' });
    await resolve('officer.organization', items['coordination-pending']);
    await accept('cadre.phongnam', items['coordination-pending']);

    await act('cadre.anthanh', items['awaiting-info'], 'provide-info', { answer: 'Khoảng 40 hộ.' });
    await resolve('officer.dard', items['awaiting-info']);
    await accept('cadre.anthanh', items['awaiting-info']);

    await accept('cadre.phongnam', items.resolved);

    await act('member.standing', items['standing-committee-review'], 'directive', {
      kind: 'close',
      reason: 'Ban Thường vụ kết luận.',
    });

    await act('head.thanhphu', items['extension-pending'], 'decide-extension', { decision: 'approve' });
    await resolve('officer.thanhphu', items['extension-pending']);
    await accept('cadre.hoaloi', items['extension-pending']);

    // The plan date's timer, set under the previous release, fires under the current worker.
    await eventually(
      () => ok(http.get('cadre.phule', items.planned)),
      (item) => item.status === 'awaiting-verification',
      2 * DAY_SECONDS * 1000 + REPLACEMENT_MS,
    );
    await act('cadre.phule', items.planned, 'verify', { verdict: 'done' });

    const last: Record<Waiting, string> = {
      routed: 'accepted',
      'coordination-pending': 'accepted',
      'awaiting-info': 'accepted',
      resolved: 'accepted',
      'standing-committee-review': 'directive-close',
      'extension-pending': 'accepted',
      planned: 'verified',
    };
    for (const [state, id] of Object.entries(items) as [Waiting, string][]) {
      expect({ state, status: (await ok(http.get('admin', id))).status }).toEqual({
        state,
        status: 'closed',
      });
      const events = await http.timeline(id);
      // Every event once, in order, across both releases.
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect({ state, last: events.at(-1)!.type }).toEqual({ state, last: last[state] });
    }
  }, 240_000);

  it("each item's workflow ran on both workers and completed", async () => {
    const temporalClient = new Client({ connection: temporal });
    const identities = {
      previous: `${oldWorker.pid}@${os.hostname()}`,
      current: `${process.pid}@${os.hostname()}`,
    };
    for (const [state, id] of Object.entries(items)) {
      const handle = temporalClient.workflow.getHandle(recommendationWorkflowId(id));
      const { status } = await handle.describe();
      const history = await handle.fetchHistory();
      const by = new Set(
        history.events!.map((e) => e.workflowTaskCompletedEventAttributes?.identity).filter(Boolean),
      );
      expect({
        state,
        status: status.name,
        previous: by.has(identities.previous),
        current: by.has(identities.current),
      }).toEqual({ state, status: 'COMPLETED', previous: true, current: true });
    }
  });
});
