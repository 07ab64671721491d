import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { useApps } from './support/apps';
import { examples } from './support/examples';
import { sql, unitId } from './support/fixtures';
import { authAs, client } from './support/http';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The records of a CSV file as RFC 4180 writes them (quoted fields may hold commas, quotes, line breaks). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += c;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field || record.length) throw new Error('the file does not end with CRLF');
  return records;
}

/** A CSV answer without its byte order mark, as records. */
const recordsOf = (body: Buffer) => parseCsv(body.subarray(3).toString('utf8'));

/**
 * Finding items again: the list's filters and orders page after page, "handled by my unit" with a
 * transferred and a closed item, reference numbers, and the CSV export with what each user may see.
 */
describe('finding items again', () => {
  let api: INestApplication;
  let http: ReturnType<typeof client>;
  // A word no other item has, so searches find this file's items alone.
  const marker = `tk${randomUUID().slice(0, 8)}`;

  const apps = useApps();

  beforeAll(async () => {
    api = apps.api;
    http = client(api);
  });

  const ok = async (res: Promise<{ status: number; body: unknown }>, status = 200): Promise<Json> => {
    const r = await res;
    if (r.status !== status)
      throw new Error(`expected ${status}, got ${r.status}: ${JSON.stringify(r.body)}`);
    return r.body as Json;
  };

  const list = async (username: string, query: Record<string, string | number>) =>
    request(api.getHttpServer())
      .get('/api/recommendations')
      .query(query)
      .set(await authAs(api, username));

  /** Every page of a list, following nextCursor. */
  async function allPages(username: string, query: Record<string, string | number>): Promise<Json[]> {
    const items: Json[] = [];
    let cursor: string | null = null;
    do {
      const page = await ok(list(username, { ...query, ...(cursor ? { cursor } : {}) }));
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  const csv = async (username: string, query: Record<string, string>) =>
    request(api.getHttpServer())
      .get('/api/recommendations.csv')
      .query(query)
      .set(await authAs(api, username))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  describe('through the workflow', () => {
    const ids = { transferred: '', kept: '', closed: '' };

    beforeAll(async () => {
      const { road26 } = await examples();
      const submit = async (what: string) =>
        (
          await ok(
            http.submit('cadre.hoaloi', { ...road26, title: `${road26.title} ${marker} ${what}` }),
            201,
          )
        ).id as string;
      ids.transferred = await submit('chuyen');
      ids.kept = await submit('giu');
      ids.closed = await submit('dong');
      await ok(
        http.act('officer.thanhphu', ids.transferred, 'transfer', {
          reason: 'Thuộc thẩm quyền Sở Giao thông vận tải.',
          toUnitId: await unitId('dot'),
        }),
      );
      await ok(http.act('officer.thanhphu', ids.kept, 'acknowledge'));
      await ok(http.act('officer.thanhphu', ids.closed, 'acknowledge'));
      await ok(
        http.act('officer.thanhphu', ids.closed, 'resolve', {
          response: 'Đã đưa vào kế hoạch và thực hiện xong.',
          outcome: 'implemented',
        }),
      );
      await ok(http.act('cadre.hoaloi', ids.closed, 'feedback', { verdict: 'accept' }));
    });

    it('finds what the unit handled, transferred and closed items included, though they left its inbox', async () => {
      const inbox = await ok(
        request(api.getHttpServer())
          .get('/api/tasks')
          .set(await authAs(api, 'officer.thanhphu')),
      );
      const inboxIds = inbox.map((t: Json) => t.recommendation.id);
      expect(inboxIds).toContain(ids.kept);
      expect(inboxIds).not.toContain(ids.transferred);
      expect(inboxIds).not.toContain(ids.closed);

      const handled = await allPages('officer.thanhphu', { text: marker, handledByMyUnit: 'true' });
      expect(handled.map((i) => i.id).sort()).toEqual(Object.values(ids).sort());
      const closed = handled.find((i) => i.id === ids.closed)!;
      expect(closed.status).toBe('closed');
      expect(handled.find((i) => i.id === ids.transferred)!.leadUnitId).toBe(await unitId('dot'));

      // The new lead handles only what it received; the head sees what the officer sees.
      const dot = await allPages('officer.dot', { text: marker, handledByMyUnit: 'true' });
      expect(dot.map((i) => i.id)).toEqual([ids.transferred]);
      const head = await allPages('head.thanhphu', {
        text: marker,
        handledByMyUnit: 'true',
        status: 'closed',
      });
      expect(head.map((i) => i.id)).toEqual([ids.closed]);
    });

    it('refuses "handled by my unit" to a user without a unit, naming the field', async () => {
      const res = await list('admin', { handledByMyUnit: 'true' });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        {
          field: 'handledByMyUnit',
          code: 'list.needs-own-unit',
          reason: expect.stringContaining('belongs to a unit'),
        },
      ]);
    });

    it('numbers every item KN-<year>-<number>, shows it everywhere, and finds it by search', async () => {
      const item = await ok(http.get('cadre.hoaloi', ids.kept));
      const vnYear = new Date(Date.parse(item.createdAt) + 7 * 3_600_000).getUTCFullYear();
      expect(item.reference).toMatch(new RegExp(`^KN-${vnYear}-\\d{6}$`));

      const references = (await allPages('admin', { text: marker })).map((i) => i.reference);
      expect(new Set(references).size).toBe(3);
      const [duplicates] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT reference FROM recommendations GROUP BY reference HAVING count(*) > 1) d`,
      );
      expect(duplicates.n).toBe(0);

      const inbox = await ok(
        request(api.getHttpServer())
          .get('/api/tasks')
          .set(await authAs(api, 'officer.thanhphu')),
      );
      expect(inbox.find((t: Json) => t.recommendation.id === ids.kept).recommendation.reference).toBe(
        item.reference,
      );

      // The whole reference, its number alone, and the number with the words of the title.
      const digits = item.reference.slice(-6);
      for (const text of [item.reference, item.reference.toLowerCase(), digits, `${digits} ${marker}`]) {
        const found = await ok(list('cadre.hoaloi', { text }));
        expect(found.items.map((i: Json) => i.id)).toEqual([ids.kept]);
      }
      // A reference finds nothing for a user who may not see the item.
      expect((await ok(list('cadre.anthanh', { text: item.reference }))).items).toEqual([]);
    });
  });

  describe('filters and orders over many items', () => {
    let district = '';
    let commune = '';
    let lead = '';
    /** Items inserted with chosen times, in the order of insertion: [title, created, updated, due]. */
    const rows: { id: string; title: string; created: string; updated: string; due: string | null }[] = [];
    const word = `${marker}x`;

    beforeAll(async () => {
      const province = await unitId('ben-tre');
      district = await http.addUnit({ kind: 'district', parentId: province });
      commune = await http.addUnit({ kind: 'commune', parentId: district });
      lead = await http.addUnit({ kind: 'department', parentId: province });
      const [cadre] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'cadre.hoaloi'`);
      // Ties on every key, items without a deadline, and a day that starts at 17:00 UTC in Việt Nam.
      const spec: [string, string, string, string | null][] = [
        ['a', '2016-03-01T02:00:00Z', '2016-05-01T00:00:00Z', '2016-04-01T10:00:00Z'],
        ['b', '2016-03-01T02:00:00Z', '2016-05-03T00:00:00Z', '2016-04-01T10:00:00Z'],
        ['c', '2016-03-02T02:00:00Z', '2016-05-01T00:00:00Z', null],
        ['d', '2016-03-31T17:30:00Z', '2016-05-02T00:00:00.123456Z', '2016-03-20T10:00:00Z'],
        ['e', '2016-03-31T16:30:00Z', '2016-05-02T00:00:00.123457Z', null],
        ['f', '2016-02-15T02:00:00Z', '2016-05-04T00:00:00Z', '2016-04-01T10:00:00Z'],
        ['g', '2016-03-03T02:00:00Z', '2016-05-01T00:00:00Z', '2016-06-01T10:00:00Z'],
      ];
      for (const [name, created, updated, due] of spec) {
        const id = randomUUID();
        const title = `Mục ${word} ${name}`;
        await sql(
          `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
             urgency, submitted_by, status, lead_unit_id, created_at, updated_at, resolution_due_at, overdue,
             escalation_level, max_escalation_level)
           VALUES ($1, $2, $3, 'Tình hình', 'Đề xuất', 'infrastructure', $4, 'normal', $5, $6, $7, $8, $9, $10,
                   $11, $12, $12)`,
          [
            id,
            `finding-${id}`,
            title,
            commune,
            cadre.id,
            name === 'g' ? 'closed' : 'in-progress',
            lead,
            created,
            updated,
            due,
            name === 'd',
            name === 'f' ? 2 : 0,
          ],
        );
        rows.push({ id, title, created, updated, due });
      }
    });

    const names = (items: Json[]) => items.map((i) => (i.title as string).slice(-1)).join('');

    it.each([
      ['submitted', 'desc'],
      ['submitted', 'asc'],
      ['deadline', 'asc'],
      ['deadline', 'desc'],
      ['activity', 'desc'],
      ['activity', 'asc'],
    ])('sorts by %s %s, the same on one page and on pages of two', async (sort, order) => {
      const expected = [...rows]
        .sort((x, y) => {
          const key = (r: (typeof rows)[number]) =>
            sort === 'submitted'
              ? Date.parse(r.created)
              : sort === 'activity'
                ? // Microseconds decide between d and e: the text, all in one form, sorts as the time does.
                  r.updated.includes('.')
                  ? r.updated
                  : r.updated.replace('Z', '.000000Z')
                : (r.due ?? '9999');
          const [a, b] = [key(x), key(y)];
          const byKey = a < b ? -1 : a > b ? 1 : 0;
          return (byKey || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)) * (order === 'asc' ? 1 : -1);
        })
        .map((r) => r.title.slice(-1))
        .join('');
      const one = await ok(list('admin', { text: word, sort, order, limit: 100 }));
      expect(names(one.items)).toBe(expected);
      expect(one.nextCursor).toBeNull();
      expect(names(await allPages('admin', { text: word, sort, order, limit: 2 }))).toBe(expected);
    });

    it('defaults to the newest submission first, the soonest deadline first and the latest activity first', async () => {
      for (const [sort, order] of [
        ['submitted', 'desc'],
        ['deadline', 'asc'],
        ['activity', 'desc'],
      ]) {
        const byDefault = await allPages('admin', {
          text: word,
          ...(sort === 'submitted' ? {} : { sort }),
          limit: 3,
        });
        expect(names(byDefault)).toBe(names(await allPages('admin', { text: word, sort, order, limit: 3 })));
      }
    });

    it('refuses a cursor made for another order, and a malformed sort, with 400', async () => {
      const first = await ok(list('admin', { text: word, sort: 'deadline', limit: 2 }));
      const res = await list('admin', { text: word, sort: 'activity', limit: 2, cursor: first.nextCursor });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('cursor');
      const bad = await list('admin', { sort: 'title' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0]).toEqual({
        field: 'sort',
        code: 'isIn',
        params: { values: 'submitted, deadline, activity' },
        reason: 'sort must be one of: submitted, deadline, activity',
      });
      const backwards = await list('admin', { from: '2016-04-01', to: '2016-03-01' });
      expect(backwards.status).toBe(400);
      expect(backwards.body.errors[0].field).toBe('to');
    });

    it('filters by the days of submission in Việt Nam time, and by the other filters together', async () => {
      // d was submitted at 00:30 on 1 April in Việt Nam, e at 23:30 on 31 March.
      expect(names(await allPages('admin', { text: word, from: '2016-04-01' }))).toBe('d');
      expect(names(await allPages('admin', { text: word, from: '2016-03-02', to: '2016-03-31' }))).toBe(
        'egc',
      );
      expect(names(await allPages('admin', { communeId: commune, overdue: 'true' }))).toBe('d');
      expect(names(await allPages('admin', { districtId: district, escalationLevel: 2 }))).toBe('f');
      expect(names(await allPages('admin', { unitId: lead, status: 'closed' }))).toBe('g');
      const sameDay = await allPages('admin', {
        unitId: lead,
        category: 'infrastructure',
        from: '2016-03-01',
        to: '2016-03-01',
      });
      expect(names(sameDay).split('').sort().join('')).toBe('ab');
    });

    it('exports the list as CSV: a BOM, a header, one line per item, in the order asked', async () => {
      const res = await csv('admin', { text: word, sort: 'deadline', lang: 'en' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="kien-nghi-\d{8}-\d{4}\.csv"$/,
      );
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...records] = recordsOf(body);
      expect(header.slice(0, 6)).toEqual([
        'Reference',
        'Title',
        'Status',
        'Category',
        'Locality',
        'Lead unit',
      ]);
      const listed = await allPages('admin', { text: word, sort: 'deadline' });
      expect(records.map((r) => r[0])).toEqual(listed.map((i) => i.reference));
      expect(records[0].slice(1, 4)).toEqual([
        `Mục ${word} d`,
        'In progress',
        'Infrastructure and transport',
      ]);
      expect(records[0].slice(7, 11)).toEqual(['Yes', '0', '2016-04-01 00:30', '2016-03-20 17:00']);

      const vi = recordsOf((await csv('admin', { text: word, status: 'closed' })).body);
      expect(vi[0].slice(0, 3)).toEqual(['Số tham chiếu', 'Tiêu đề', 'Trạng thái']);
      expect(vi.slice(1).map((r) => r.slice(1, 4))).toEqual([
        [`Mục ${word} g`, 'Đã đóng', 'Hạ tầng, giao thông'],
      ]);
    });

    it('exports only what the user may see, and refuses a bad filter as the list does', async () => {
      // The items' lead unit is new and has no staff; a cadre who does not follow the commune sees none.
      expect(recordsOf((await csv('admin', { text: word })).body)).toHaveLength(8);
      expect(recordsOf((await csv('cadre.anthanh', { text: word })).body)).toHaveLength(1);
      expect(recordsOf((await csv('officer.dot', { text: word })).body)).toHaveLength(1);
      const bad = await csv('admin', { overdue: 'maybe' });
      expect(bad.status).toBe(400);
      expect(JSON.parse((bad.body as Buffer).toString('utf8')).errors[0].field).toBe('overdue');
      // Paging belongs to the list, not to the export.
      expect((await csv('admin', { limit: '5' })).status).toBe(400);
    });
  });

  it('exports thousands of items page by page, each once, with its own reference', async () => {
    const province = await unitId('ben-tre');
    const commune = await http.addUnit({ kind: 'commune', parentId: province });
    const [cadre] = await sql<{ id: string }>(`SELECT id FROM users WHERE username = 'cadre.phule'`);
    const word = `${marker}bulk`;
    // More than two export pages of 500, several sharing one submission time.
    await sql(
      `INSERT INTO recommendations (id, workflow_id, title, situation, proposal, category_code, locality_unit_id,
         urgency, submitted_by, status, created_at, updated_at)
       SELECT id, 'bulk-' || id, 'Hàng loạt ${word} ' || n, 'Tình hình', 'Đề xuất', 'propaganda', $1, 'normal', $2,
              'triage', t, t
         FROM (SELECT gen_random_uuid() AS id, n, timestamptz '2015-06-01 08:00+07' + (n / 3) * interval '1 minute' AS t
                 FROM generate_series(1, 1234) n) s`,
      [commune, cadre.id],
    );
    const res = await csv('admin', { text: word, sort: 'activity', order: 'asc' });
    expect(res.status).toBe(200);
    const lines = recordsOf(res.body).slice(1);
    expect(lines).toHaveLength(1234);
    const references = lines.map((l) => l[0]);
    expect(new Set(references).size).toBe(1234);
    expect(references.every((r) => /^KN-2015-\d{6}$/.test(r))).toBe(true);
    const times = lines.map((l) => l[11]);
    expect([...times].sort()).toEqual(times);
    expect(times[0]).toBe('2015-06-01 08:00');
  });
});
