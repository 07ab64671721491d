import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client, WithStartWorkflowOperation, type WorkflowHandle } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import {
  RECOMMENDATION_WORKFLOW_TYPE,
  submitUpdate,
  type RecommendationWorkflowInput,
} from '@ngk/definitions';
import { defaultPayloadConverter } from '@temporalio/common';
import { recommendationWorkflowId } from '@ngk/temporal';
import { useApps } from './support/apps';
import { examples, vietnamToday } from './support/examples';
import { unitId } from './support/fixtures';
import { client, eventually } from './support/http';

/** The five examples of PRODUCT.md end to end, each along a different path, through HTTP. */
describe('recommendation lifecycle', () => {
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  let ex: Awaited<ReturnType<typeof examples>>;

  const apps = useApps();

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
    ex = await examples();
  });

  const ok = async (res: Promise<{ status: number; body: Record<string, unknown> }>, status = 200) => {
    const r = await res;
    if (r.status !== status)
      throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const types = async (id: string) => (await http.timeline(id)).map((e) => e.type);

  it('example 3, propaganda: accepted at once', async () => {
    const item = await ok(http.submit('cadre.phongnam', ex.propaganda), 201);
    expect(item.leadUnit.code).toBe('propaganda-board');
    // The cadre may ask the Standing Committee to rule on an open item, and nothing else yet.
    expect(item.allowedActions).toEqual(['request-ruling']);
    expect((await ok(http.get('officer.propaganda', item.id))).allowedActions).toEqual([
      'acknowledge',
      'transfer',
      'request-extension',
      'mark-duplicate',
    ]);
    expect((await ok(http.act('officer.propaganda', item.id, 'acknowledge'))).status).toBe('in-progress');
    await ok(
      http.act('officer.propaganda', item.id, 'progress', { note: 'Đã biên soạn dự thảo sổ tay hỏi đáp.' }),
    );
    const resolved = await ok(
      http.act('officer.propaganda', item.id, 'resolve', {
        response: 'Ban hành sổ tay và kế hoạch tập huấn.',
        outcome: 'implemented',
      }),
    );
    expect(resolved.status).toBe('resolved');
    const closed = await ok(http.act('cadre.phongnam', item.id, 'feedback', { verdict: 'accept' }));
    // Closed; its cadre may still reopen it for a while (the reopening window).
    expect(closed).toMatchObject({ status: 'closed', outcome: 'implemented', allowedActions: ['reopen'] });
    expect(resolved.closedAt).toBeNull();
    expect(Date.parse(closed.closedAt)).toBeGreaterThanOrEqual(Date.parse(resolved.updatedAt));
    expect(closed.tasks).toEqual([
      expect.objectContaining({ unitCode: 'propaganda-board', role: 'lead', status: 'done' }),
    ]);
    expect(await types(item.id)).toEqual([
      'submitted',
      'routed',
      'acknowledged',
      'progress',
      'resolved',
      'accepted',
    ]);
  });

  it('example 4, report format: coordinated, disputed once, then accepted', async () => {
    const item = await ok(http.submit('cadre.phongnam', ex.reportFormat), 201);
    expect(item.leadUnit.code).toBe('organization-board');
    expect(item.coordinatingUnits.map((u: { code: string }) => u.code).sort()).toEqual([
      'internal-affairs-board',
      'mass-mobilization-board',
      'propaganda-board',
    ]);
    await ok(
      http.act('officer.propaganda', item.id, 'coordinate', {
        opinion: 'Đề nghị bổ sung mục phản ánh dư luận.',
      }),
    );
    // An opinion is given once.
    expect((await http.act('officer.propaganda', item.id, 'coordinate', { opinion: 'again' })).status).toBe(
      403,
    );
    await ok(http.act('officer.organization', item.id, 'acknowledge'));
    await ok(
      http.act('officer.organization', item.id, 'resolve', {
        response: 'Thống nhất khung báo cáo; phần phụ lục để các xã tự chọn.',
        outcome: 'partly-accepted',
      }),
    );
    const disputed = await ok(
      http.act('cadre.phongnam', item.id, 'feedback', {
        verdict: 'dispute',
        reason: 'Phụ lục vẫn cho phép sao chép báo cáo xã.',
      }),
    );
    expect(disputed).toMatchObject({ status: 'in-progress', disputeCount: 1, outcome: null });
    await ok(
      http.act('officer.organization', item.id, 'resolve', {
        response: 'Bỏ phụ lục tự chọn.',
        outcome: 'implemented',
      }),
    );
    expect((await ok(http.act('cadre.phongnam', item.id, 'feedback', { verdict: 'accept' }))).status).toBe(
      'closed',
    );
    expect(await types(item.id)).toEqual([
      'submitted',
      'routed',
      'coordination-opinion',
      'acknowledged',
      'resolved',
      'disputed',
      'resolved',
      'accepted',
    ]);
  });

  it('a second dispute goes to the Standing Committee, whose directive closes the item', async () => {
    const item = await ok(
      http.submit('cadre.phongnam', { ...ex.reportFormat, title: 'Mẫu báo cáo thống nhất (lần hai)' }),
      201,
    );
    await ok(http.act('officer.organization', item.id, 'acknowledge'));
    for (const round of [1, 2]) {
      await ok(
        http.act('officer.organization', item.id, 'resolve', {
          response: `Trả lời lần ${round}.`,
          outcome: 'partly-accepted',
        }),
      );
      await ok(
        http.act('cadre.phongnam', item.id, 'feedback', {
          verdict: 'dispute',
          reason: `Chưa thỏa đáng (${round}).`,
        }),
      );
    }
    const review = await ok(http.get('member.standing', item.id));
    expect(review.status).toBe('standing-committee-review');
    expect(review.allowedActions).toEqual(['directive']);
    const closed = await ok(
      http.act('member.standing', item.id, 'directive', { kind: 'close', reason: 'Ban Thường vụ kết luận.' }),
    );
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toEqual(expect.any(String));
    expect((await types(item.id)).slice(-2)).toEqual(['disputed-to-standing-committee', 'directive-close']);
  });

  it('a directive can hand a disputed item to a new lead unit with a new deadline of work', async () => {
    const item = await ok(
      http.submit('cadre.hoaloi', { ...ex.road26, title: 'Đường 26: tranh chấp hai lần' }),
      201,
    );
    await ok(http.act('officer.thanhphu', item.id, 'acknowledge'));
    for (const round of [1, 2]) {
      await ok(
        http.act('officer.thanhphu', item.id, 'resolve', { response: `Lần ${round}.`, outcome: 'referred' }),
      );
      await ok(
        http.act('cadre.hoaloi', item.id, 'feedback', {
          verdict: 'dispute',
          reason: `Không đồng ý (${round}).`,
        }),
      );
    }
    const handed = await ok(
      http.act('member.standing', item.id, 'directive', {
        kind: 'new-lead-unit',
        reason: 'Giao Sở Giao thông vận tải chủ trì.',
        leadUnitId: await unitId('dot'),
      }),
    );
    expect(handed).toMatchObject({ status: 'routed' });
    expect(handed.leadUnit.code).toBe('dot');
    expect(
      handed.tasks
        .filter((t: { status: string }) => t.status === 'open')
        .map((t: { role: string; unitCode: string }) => `${t.role}:${t.unitCode}`),
    ).toEqual(expect.arrayContaining(['lead:dot']));
    await ok(http.act('officer.dot', item.id, 'acknowledge'));
    expect((await types(item.id)).slice(-2)).toEqual(['directive-new-lead-unit', 'acknowledged']);
  });

  it('example 1, road 26: transferred with a reason, then resolved by the new lead unit', async () => {
    const item = await ok(http.submit('cadre.hoaloi', ex.road26), 201);
    expect(item.leadUnit.code).toBe('thanh-phu');
    const moved = await ok(
      http.act('officer.thanhphu', item.id, 'transfer', {
        reason: 'Đường nối vào đường tỉnh: thuộc Sở GTVT.',
        toUnitId: await unitId('dot'),
      }),
    );
    expect(moved).toMatchObject({ status: 'routed' });
    expect(moved.leadUnit.code).toBe('dot');
    // The old lead can no longer act; the new one can.
    expect((await http.act('officer.thanhphu', item.id, 'acknowledge')).status).toBe(403);
    await ok(http.act('officer.dot', item.id, 'acknowledge'));
    await ok(
      http.act('officer.dot', item.id, 'resolve', {
        response: 'Đưa vào kế hoạch sửa chữa năm nay.',
        outcome: 'implemented',
      }),
    );
    await ok(http.act('cadre.hoaloi', item.id, 'feedback', { verdict: 'accept' }));
    const timeline = await http.timeline(item.id);
    expect(timeline.find((e) => e.type === 'transferred')?.reason).toBe(
      'Đường nối vào đường tỉnh: thuộc Sở GTVT.',
    );
    const tasks = (await ok(http.get('admin', item.id))).tasks;
    expect(
      tasks
        .filter((t: { role: string }) => t.role === 'lead')
        .map((t: { unitCode: string; status: string }) => [t.unitCode, t.status]),
    ).toEqual([
      ['thanh-phu', 'cancelled'],
      ['dot', 'done'],
    ]);
  });

  it('example 2, wells in zone 418: information requested and provided, coordinated, not accepted', async () => {
    const item = await ok(http.submit('cadre.anthanh', ex.wells418), 201);
    expect(item.leadUnit.code).toBe('dard');
    await ok(http.act('officer.dard', item.id, 'acknowledge'));
    const waiting = await ok(
      http.act('officer.dard', item.id, 'request-info', { question: 'Bao nhiêu hộ đang khoan giếng?' }),
    );
    expect(waiting.status).toBe('awaiting-info');
    expect(
      (await http.act('officer.dard', item.id, 'resolve', { response: 'x', outcome: 'implemented' })).status,
    ).toBe(409);
    await ok(http.act('cadre.anthanh', item.id, 'provide-info', { answer: 'Khoảng 40 hộ ở ấp An Điền.' }));
    await ok(http.act('officer.donre', item.id, 'coordinate', { opinion: 'Cần văn bản cấm của UBND tỉnh.' }));
    const resolved = await ok(
      http.act('officer.dard', item.id, 'resolve', {
        response: 'Không ban hành lệnh cấm riêng; sẽ xử lý theo quy hoạch vùng nuôi.',
        outcome: 'not-accepted',
        reason: 'Đã có quy định chung về khai thác nước ngầm.',
      }),
    );
    expect(resolved.outcome).toBe('not-accepted');
    await ok(http.act('cadre.anthanh', item.id, 'feedback', { verdict: 'accept' }));
    expect(await types(item.id)).toEqual([
      'submitted',
      'routed',
      'acknowledged',
      'info-requested',
      'info-provided',
      'coordination-opinion',
      'resolved',
      'accepted',
    ]);
  });

  it('example 5, quarterly meetings: planned, then verified when the plan date falls due', async () => {
    const item = await ok(http.submit('cadre.phule', ex.quarterlyMeetings), 201);
    await ok(http.act('officer.organization', item.id, 'acknowledge'));
    await ok(
      http.act('officer.organization', item.id, 'resolve', {
        response: 'Đưa vào quy chế làm việc của cán bộ hỗ trợ.',
        outcome: 'planned',
        planDate: vietnamToday(),
        budgetYear: Number(vietnamToday().slice(0, 4)),
      }),
    );
    const planned = await ok(http.act('cadre.phule', item.id, 'feedback', { verdict: 'accept' }));
    expect(planned.planDate).toBe(vietnamToday());
    // The plan date is today: the workflow's timer makes the follow-up due at once.
    const due = await eventually(
      () => ok(http.get('cadre.phule', item.id)),
      (r) => r.status === 'awaiting-verification',
    );
    expect(due.allowedActions).toEqual(['verify', 'request-ruling']);
    expect(due.closedAt).toBeNull();
    const verified = await ok(http.act('cadre.phule', item.id, 'verify', { verdict: 'done' }));
    expect(verified.status).toBe('closed');
    expect(verified.closedAt).toEqual(expect.any(String));
    expect((await types(item.id)).slice(-3)).toEqual(['accepted', 'verification-due', 'verified']);
  });

  it('a "social" item goes to the triage office, which routes it by hand', async () => {
    const item = await ok(
      http.submit('cadre.phule', {
        ...ex.quarterlyMeetings,
        title: 'Nhà văn hóa ấp',
        categoryCode: 'social',
      }),
      201,
    );
    expect(item.status).toBe('triage');
    const routed = await ok(
      http.act('officer.partyoffice', item.id, 'route', {
        leadUnitId: await unitId('thanh-phu'),
        coordinatingUnitIds: [await unitId('dpi')],
      }),
    );
    expect(routed).toMatchObject({ status: 'routed' });
    expect(routed.leadUnit.code).toBe('thanh-phu');
    expect(
      routed.tasks.map(
        (t: { role: string; unitCode: string; status: string }) => `${t.role}:${t.unitCode}:${t.status}`,
      ),
    ).toEqual(['triage:party-office:done', 'lead:thanh-phu:open', 'coordinating:dpi:open']);
  });

  /** The local activities a workflow history ran, in order, by type. */
  const localActivityTypes = (history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>) =>
    (history.events ?? [])
      .map((e) => e.markerRecordedEventAttributes)
      .filter((m) => m?.markerName === 'core_local_activity')
      .map(
        (m) =>
          defaultPayloadConverter.fromPayload<{ activity_type: string }>(m!.details!.data!.payloads![0])
            .activity_type,
      );
  /** The input a workflow history started with. */
  const startInput = (history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>>) =>
    defaultPayloadConverter.fromPayload<RecommendationWorkflowInput>(
      history.events![0].workflowExecutionStartedEventAttributes!.input!.payloads![0],
    );

  it("a submission's first workflow task takes its routing from its input and writes both events in one call", async () => {
    const item = await ok(
      http.submit('cadre.phongnam', { ...ex.propaganda, title: 'Sổ tay hỏi đáp, bản 2' }),
      201,
    );
    const history = await apps.api
      .get(Client)
      .workflow.getHandle(recommendationWorkflowId(item.id))
      .fetchHistory();
    // Before: the submitted event, the rule, the deadlines and the routed event, four calls in a row;
    // then the rule and the deadlines in one local activity and both events in a second. The API now
    // routes the item before it starts the workflow, which takes the routing from its input.
    expect(localActivityTypes(history)).toEqual(['projectEvents']);
    const { routing } = startInput(history);
    expect(routing?.decision?.leadUnitId).toBe(item.leadUnitId);
    expect(routing?.plan.deadlines.acknowledge?.dueAt).toBe(item.acknowledgeDueAt);
    expect(routing?.plan.deadlines.resolution?.dueAt).toBe(item.resolutionDueAt);
    expect(await types(item.id)).toEqual(['submitted', 'routed']);
    // One patch marker, and so one TemporalChangeVersion upsert by the SDK, where there was one per patch;
    // and NGK's own search attributes once, as they stand when routed. Each upsert is a history event and
    // a visibility write of the server's: six were three patch versions, the submission, its category and
    // its routing.
    const events = history.events ?? [];
    expect(events.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')).toHaveLength(
      1,
    );
    const upserts = events.flatMap((e) => {
      const fields = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
      return fields
        ? [
            Object.fromEntries(
              Object.entries(fields).map(([name, payload]) => [
                name,
                defaultPayloadConverter.fromPayload(payload),
              ]),
            ),
          ]
        : [];
    });
    expect(upserts).toEqual([
      { TemporalChangeVersion: ['recommendation-2026-12-06'] },
      {
        NgkStatus: 'routed',
        NgkEscalationLevel: 0,
        NgkCategory: item.categoryCode,
        NgkLeadUnit: item.leadUnitId,
        NgkDueAt: expect.any(String),
      },
    ]);
  });

  it('an item started without its routing, as an API from before would start it, looks it up itself', async () => {
    const temporal = apps.api.get(Client);
    const first = await ok(
      http.submit('cadre.phongnam', { ...ex.propaganda, title: 'Sổ tay hỏi đáp, bản 3' }),
      201,
    );
    const { routing, ...before } = startInput(
      await temporal.workflow.getHandle(recommendationWorkflowId(first.id)).fetchHistory(),
    );
    expect(routing).toBeDefined();
    const recommendationId = randomUUID();
    const workflowId = recommendationWorkflowId(recommendationId);
    await temporal.workflow.executeUpdateWithStart(submitUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation(RECOMMENDATION_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: api.get(ConfigService).getOrThrow<string>('TEMPORAL_TASK_QUEUE'),
        args: [{ ...before, recommendationId, submittedAt: new Date().toISOString() }],
        workflowIdConflictPolicy: 'USE_EXISTING',
      }),
    });
    const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
    expect(localActivityTypes(history)).toEqual(['routeSubmission', 'projectEvents']);
    // The same rule as the API's routing of the same submission, and the same clocks started.
    const item = await ok(http.get('cadre.phongnam', recommendationId));
    expect(item).toMatchObject({ status: 'routed', leadUnitId: first.leadUnitId });
    expect(item.tasks.map((t: { role: string; unitId: string }) => `${t.role}:${t.unitId}`)).toEqual(
      first.tasks.map((t: { role: string; unitId: string }) => `${t.role}:${t.unitId}`),
    );
    expect([item.acknowledgeDueAt, item.resolutionDueAt]).toEqual([expect.any(String), expect.any(String)]);
  });

  it('lists with filters and cursor pagination', async () => {
    const page1 = await ok(http.list({ category: 'party-organization', limit: '2' }));
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await ok(
      http.list({ category: 'party-organization', limit: '2', cursor: page1.nextCursor }),
    );
    const ids = [...page1.items, ...page2.items].map((i: { id: string }) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    const closedOnly = await ok(http.list({ status: 'closed' }));
    expect(closedOnly.items.every((i: { status: string }) => i.status === 'closed')).toBe(true);
    const thanhPhu = await ok(http.list({ districtId: await unitId('thanh-phu') }));
    expect(thanhPhu.items.map((i: { localityNameVi: string }) => i.localityNameVi)).toEqual(
      expect.arrayContaining(['Xã Hòa Lợi', 'Xã An Thạnh']),
    );
    const text = await ok(http.list({ text: 'giếng' }));
    expect(text.items.map((i: { title: string }) => i.title)).toContain(
      'Cấm khoan giếng nước ngầm trong vùng dự án ngọt hóa 418',
    );
    expect(text.items.every((i: { title: string }) => /giếng/i.test(i.title))).toBe(true);
    const byUnit = await ok(http.list({ unitId: await unitId('dot') }));
    expect(byUnit.items.length).toBeGreaterThan(0);
    expect((await http.list({ cursor: 'not-a-cursor!' })).status).toBe(400);
    expect((await http.list({ overdue: 'maybe' })).status).toBe(400);
  });
});
