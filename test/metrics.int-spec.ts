import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { examples } from './support/examples';
import { useAppsOnOwnDatabase } from './support/apps';
import { sql } from './support/fixtures';
import { client } from './support/http';
import { samplesOf, valueOf } from './support/prometheus';

const TOKEN = 'metrics-token-for-the-tests';

/** GET /metrics (route latency, process metrics and the read model's gauges, behind METRICS_TOKEN) and the probes. */
describe('GET /metrics and the probes', () => {
  const saved = process.env.METRICS_TOKEN;
  process.env.METRICS_TOKEN = TOKEN;
  afterAll(() => {
    if (saved === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = saved;
  });
  // A database of its own: the gauges count every item in it.
  const apps = useAppsOnOwnDatabase('metrics');
  const scrape = async () => {
    const res = await request(apps.api.getHttpServer())
      .get('/metrics')
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return samplesOf(res.text);
  };

  it('refuses a scraper without the token, or with another one', async () => {
    const http = () => request(apps.api.getHttpServer());
    await http().get('/metrics').expect(401);
    await http().get('/metrics').set('Authorization', `Bearer ${TOKEN}-not`).expect(401);
    await http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
  });

  it('counts open, overdue and escalated items and pending email as the read model holds them', async () => {
    const before = await scrape();
    expect(valueOf(before, 'ngk_recommendations_open', { status: 'routed' })).toBe(0);
    expect(valueOf(before, 'ngk_recommendations_overdue')).toBe(0);
    expect(valueOf(before, 'ngk_email_notifications_pending')).toBe(0);
    expect(valueOf(before, 'ngk_email_oldest_pending_age_seconds')).toBe(0);

    const http = client(apps.api);
    const base = await examples();
    const first = await http.submit('cadre.hoaloi', { ...base.road26, title: 'Chỉ số: một' });
    const second = await http.submit('cadre.hoaloi', { ...base.road26, title: 'Chỉ số: hai' });
    expect([first.status, second.status]).toEqual([201, 201]);
    const status = first.body.status as string;
    expect(valueOf(await scrape(), 'ngk_recommendations_open', { status })).toBe(2);

    // A crafted state: one item overdue at level 2, and an email waiting for 90 seconds.
    await sql(`UPDATE recommendations SET overdue = true, escalation_level = 2 WHERE id = $1`, [
      first.body.id,
    ]);
    await sql(`UPDATE recommendations SET escalation_level = 1 WHERE id = $1`, [second.body.id]);
    await sql(
      `INSERT INTO notifications (user_id, recommendation_id, event_seq, kind, title, body, email_status, created_at)
       SELECT submitted_by, id, 9999, 'test', 'test', 'test', 'pending', now() - interval '90 seconds'
         FROM recommendations WHERE id = $1`,
      [first.body.id],
    );
    const after = await scrape();
    expect(valueOf(after, 'ngk_recommendations_overdue')).toBe(1);
    expect(valueOf(after, 'ngk_recommendations_escalated', { level: '1' })).toBe(1);
    expect(valueOf(after, 'ngk_recommendations_escalated', { level: '2' })).toBe(1);
    expect(valueOf(after, 'ngk_email_notifications_pending')).toBe(1);
    expect(valueOf(after, 'ngk_email_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(90);

    // Closed items leave every gauge.
    await sql(`UPDATE recommendations SET status = 'closed' WHERE id = ANY($1)`, [
      [first.body.id, second.body.id],
    ]);
    await sql(`UPDATE notifications SET email_status = 'sent' WHERE event_seq = 9999`);
    const closed = await scrape();
    expect(valueOf(closed, 'ngk_recommendations_open', { status })).toBe(0);
    expect(valueOf(closed, 'ngk_recommendations_overdue')).toBe(0);
    expect(valueOf(closed, 'ngk_recommendations_escalated', { level: '2' })).toBe(0);
    expect(valueOf(closed, 'ngk_email_notifications_pending')).toBe(0);
  });

  it('times requests by route template and status, never by URL, with process metrics beside', async () => {
    const http = client(apps.api);
    const submitted = await http.submit('cadre.hoaloi', {
      ...(await examples()).wells418,
      title: 'Chỉ số: ba',
    });
    expect((await http.get('cadre.hoaloi', submitted.body.id)).status).toBe(200);
    await request(apps.api.getHttpServer()).get(`/api/recommendations/${submitted.body.id}`).expect(401);
    const samples = await scrape();
    const count = (labels: Record<string, string>) =>
      valueOf(samples, 'ngk_http_request_duration_seconds_count', labels);
    const item = { method: 'GET', route: '/api/recommendations/:id' };
    expect(count({ ...item, status_code: '200' })).toBeGreaterThanOrEqual(1);
    expect(count({ ...item, status_code: '401' })).toBeGreaterThanOrEqual(1);
    expect(
      count({ method: 'POST', route: '/api/recommendations', status_code: '201' }),
    ).toBeGreaterThanOrEqual(1);
    expect(samples.filter((s) => JSON.stringify(s.labels).includes(submitted.body.id))).toEqual([]);
    expect(valueOf(samples, 'ngk_api_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('tells in Server-Timing where a submission and an action spent their time, stage by stage', async () => {
    const http = client(apps.api);
    const stagesOf = (header: string | undefined) =>
      (header ?? '').split(', ').map((entry) => entry.split(';dur=')[0]);
    const submitted = await http.submit('cadre.hoaloi', {
      ...(await examples()).road26,
      title: 'Chỉ số: thời gian từng bước',
    });
    // Every stage of a submission and an action that went through, in order, then the total.
    const stages = ['auth', 'read', 'limits', 'update', 'answer', 'total'];
    expect(stagesOf(submitted.headers['server-timing'])).toEqual(stages);
    // With an Idempotency-Key, as the web UI sends: the key's lookups are reads, its record a limit.
    const keyedSubmission = await http.submit(
      'cadre.hoaloi',
      { ...(await examples()).road26, title: 'Chỉ số: thời gian từng bước, có khóa' },
      randomUUID(),
    );
    expect(keyedSubmission.status).toBe(201);
    expect(stagesOf(keyedSubmission.headers['server-timing'])).toEqual(stages);
    const acted = await http.act('officer.thanhphu', submitted.body.id, 'acknowledge', {});
    expect(acted.status).toBe(200);
    expect(stagesOf(acted.headers['server-timing'])).toEqual(stages);
    for (const entry of acted.headers['server-timing'].split(', '))
      expect(Number(entry.split(';dur=')[1])).toBeGreaterThanOrEqual(0);
    // With an Idempotency-Key, as the web UI sends, the answer is kept for a retry: a stage of its own.
    const keyed = await http.act(
      'officer.thanhphu',
      submitted.body.id,
      'progress',
      { note: 'Đang khảo sát hiện trường' },
      randomUUID(),
    );
    expect(keyed.status).toBe(200);
    expect(stagesOf(keyed.headers['server-timing'])).toEqual([...stages.slice(0, -1), 'keep', 'total']);
    // A refusal says where its time went too, up to the stage that refused.
    const refused = await http.act('officer.thanhphu', submitted.body.id, 'acknowledge', {});
    expect(refused.status).toBe(409);
    expect(stagesOf(refused.headers['server-timing'])).toEqual(stages.filter((s) => s !== 'answer'));
  });

  it('/health/live and /health/ready answer 200 while the process runs and its dependencies answer', async () => {
    const http = () => request(apps.api.getHttpServer());
    expect((await http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    const ready = await http().get('/health/ready').expect(200);
    expect(ready.body.details).toMatchObject({ database: { status: 'up' }, temporal: { status: 'up' } });
  });
});
