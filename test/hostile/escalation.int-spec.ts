import { useApps } from '../support/apps';
import { shortClockEnv } from '../support/clock';
import { examples } from '../support/examples';
import { sql } from '../support/fixtures';
import { client, eventually } from '../support/http';

/** Payloads are JSON written by the workflow; the test reads the fields it checks. */
type Payload = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Event = { seq: number; type: string; statusAfter: string; occurredAt: string; payload: Payload };

/**
 * A unit that let a deadline pass hands the item on and has it handed back: the breach must not be
 * laundered. A day lasts three seconds, so the grace period after the missed acknowledgement (two
 * working days) leaves time for both transfers.
 */
describe('transfer ping-pong does not launder a breach', () => {
  const apps = useApps({ env: { TEMPORAL_TASK_QUEUE: 'ngk-hostile-escalation', ...shortClockEnv(3) } });
  let http: ReturnType<typeof client>;
  beforeAll(() => {
    http = client(apps.api);
  });

  const escalations = (events: Event[], level: number) =>
    events.filter((e) => e.type === 'escalated' && e.payload.level === level);
  const waitFor = (id: string, found: (events: Event[]) => boolean) =>
    eventually(async () => (await http.timeline(id)) as Event[], found, 60_000);

  it('keeps the level reached, the missed deadline and the grace period across two transfers', async () => {
    const urgent = { ...(await examples()).propaganda, urgency: 'urgent', title: 'Chuyển qua chuyển lại' };
    const submitted = await http.submit('cadre.phule', urgent);
    expect(submitted.status).toBe(201);
    const id: string = submitted.body.id;

    const level1 = escalations(await waitFor(id, (ev) => escalations(ev, 1).length > 0), 1)[0];
    expect(level1.payload).toMatchObject({ clock: 'acknowledge', level: 1 });

    const units = await sql<{ code: string; id: string }>(
      `SELECT code, id FROM units WHERE code IN ('dard', 'propaganda-board')`,
    );
    const unit = (code: string) => units.find((u) => u.code === code)!.id;
    const away = await http.act('officer.propaganda', id, 'transfer', {
      toUnitId: unit('dard'),
      reason: 'Không thuộc chức năng của Ban.',
    });
    expect(away.status).toBe(200);
    const back = await http.act('officer.dard', id, 'transfer', {
      toUnitId: unit('propaganda-board'),
      reason: 'Thuộc chức năng tuyên truyền.',
    });
    expect(back.status).toBe(200);
    // The holder gets fresh deadlines, yet the item stays overdue at the level it reached.
    const item = (await http.get('officer.propaganda', id)).body;
    expect(item).toMatchObject({ escalationLevel: 1, overdue: true });
    expect(Date.parse(item.acknowledgeDueAt)).toBeGreaterThan(Date.parse(level1.payload.dueAt));
    const lead = item.tasks.find((t: Payload) => t.role === 'lead' && t.status === 'open');
    expect(lead).toMatchObject({ overdue: false });

    const timeline = (await http.timeline(id)) as Event[];
    expect(timeline.filter((e) => e.type === 'escalated')).toHaveLength(1);

    // Level 2 comes when the first breach's grace period ends, with that breach on record.
    const events = await waitFor(id, (ev) => escalations(ev, 2).length > 0);
    const level2 = escalations(events, 2)[0];
    expect(Date.parse(level2.occurredAt)).toBeGreaterThanOrEqual(Date.parse(level1.payload.level2At));
    expect(level2.statusAfter).toBe('standing-committee-review');
    expect(level2.payload.missed).toContainEqual({ clock: 'acknowledge', dueAt: level1.payload.dueAt });
  });
});
