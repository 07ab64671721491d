import request from 'supertest';
import { useApps } from '../support/apps';
import { examples } from '../support/examples';
import { authAs, client } from '../support/http';

type Event = { seq: number; type: string; payload: Record<string, unknown> };
type Page = { events: Event[]; nextCursor: string | null };

const NOTES = 120;

/**
 * An item with more events than a page: the timeline answers a page at a time, in either order, and
 * refuses a limit, order or cursor it did not offer with a 400 naming the field.
 */
describe('the timeline in pages', () => {
  const apps = useApps({ env: { TEMPORAL_TASK_QUEUE: 'ngk-hostile-timeline' } });
  let http: ReturnType<typeof client>;
  let id: string;

  const get = async (query: Record<string, string | number>) =>
    request(apps.api.getHttpServer())
      .get(`/api/recommendations/${id}/timeline`)
      .query(query)
      .set(await authAs(apps.api, 'officer.propaganda'));

  /** Every page in one order, as a client walks them. */
  const walk = async (order: string, limit: number) => {
    const pages: Page[] = [];
    let cursor: string | null = null;
    do {
      const res = await get({ order, limit, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      pages.push(res.body as Page);
      cursor = (res.body as Page).nextCursor;
    } while (cursor && pages.length < 10);
    return pages;
  };

  beforeAll(async () => {
    http = client(apps.api);
    const submitted = await http.submit('cadre.phongnam', { ...(await examples()).propaganda });
    expect(submitted.status).toBe(201);
    id = submitted.body.id;
    expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);
    for (let n = 1; n <= NOTES; n++) {
      const res = await http.act('officer.propaganda', id, 'progress', { note: `Ghi chú tiến độ số ${n}.` });
      if (res.status !== 200) throw new Error(`note ${n}: ${res.status} ${res.text}`);
    }
  }, 180_000);

  // submitted, routed, acknowledged, then the notes.
  const total = 3 + NOTES;
  const seqs = Array.from({ length: total }, (_, i) => i + 1);

  it('answers the first page of the default size, oldest first, with a cursor to the next', async () => {
    const res = await get({});
    expect(res.status).toBe(200);
    const page = res.body as Page;
    expect(page.events.map((e) => e.seq)).toEqual(seqs.slice(0, 50));
    expect(page.events.slice(0, 3).map((e) => e.type)).toEqual(['submitted', 'routed', 'acknowledged']);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('reads every event once, in order, oldest first', async () => {
    const pages = await walk('oldest', 50);
    expect(pages.map((p) => p.events.length)).toEqual([50, 50, total - 100]);
    expect(pages.flatMap((p) => p.events.map((e) => e.seq))).toEqual(seqs);
    expect(pages[2]!.events.at(-1)!.payload.note).toBe(`Ghi chú tiến độ số ${NOTES}.`);
    expect(pages[2]!.nextCursor).toBeNull();
  });

  it('reads every event once, in order, newest first', async () => {
    const pages = await walk('newest', 40);
    expect(pages.map((p) => p.events.length)).toEqual([40, 40, 40, total - 120]);
    expect(pages.flatMap((p) => p.events.map((e) => e.seq))).toEqual([...seqs].reverse());
    expect(pages[3]!.events.at(-1)!.type).toBe('submitted');
    expect(pages[3]!.nextCursor).toBeNull();
  });

  it('answers the whole timeline in one page when the limit covers it, with no cursor', async () => {
    const res = await get({ limit: 200 });
    expect((res.body as Page).events).toHaveLength(total);
    expect((res.body as Page).nextCursor).toBeNull();
  });

  const refused = async (query: Record<string, string | number>, field: string, code: string) => {
    const res = await get(query);
    expect([res.status, res.body.code]).toEqual([400, 'validation.failed']);
    expect(res.body.errors).toEqual([expect.objectContaining({ field, code })]);
  };

  it.each([
    [{ limit: 0 }, 'min'],
    [{ limit: 201 }, 'max'],
    [{ limit: 'ten' }, 'isInt'],
    [{ limit: 2.5 }, 'isInt'],
  ])('refuses the limit %j with 400 %s', async (query, code) => {
    await refused(query, 'limit', code);
  });

  it('refuses an order it does not offer', async () => {
    await refused({ order: 'asc' }, 'order', 'isIn');
  });

  it('refuses a cursor it did not write, or wrote for the other order', async () => {
    await refused({ cursor: 'x' }, 'cursor', 'matches');
    const forged = Buffer.from('timeline|oldest|0').toString('base64url');
    await refused({ cursor: forged }, 'cursor', 'list.unknown-cursor');
    const huge = Buffer.from('timeline|oldest|99999999999').toString('base64url');
    await refused({ cursor: huge }, 'cursor', 'list.unknown-cursor');
    const oldest = (await get({ limit: 10 })).body as Page;
    await refused({ order: 'newest', cursor: oldest.nextCursor! }, 'cursor', 'list.unknown-cursor');
    const ofTheList = Buffer.from(`submitted|desc|2026-01-01T00:00:00.000000Z|${id}`).toString('base64url');
    await refused({ cursor: ofTheList }, 'cursor', 'matches');
  });
});
