import { createDataSource, prepared } from '@ngk/persistence';
import type { DataSource } from 'typeorm';

/**
 * The apps' connections send a text marked by `prepared` as a named prepared statement, parsed and
 * planned once per connection, and every other text as before: on the real PostgreSQL of the tests.
 */
describe('prepared statements on the apps connections', () => {
  let dataSource: DataSource;
  const inSession = () =>
    dataSource.query<{ name: string; statement: string }[]>(
      `SELECT name, statement FROM pg_prepared_statements ORDER BY name`,
    );

  beforeAll(async () => {
    // One connection, so that every query below meets the same session and its statements.
    dataSource = createDataSource(process.env.DATABASE_URL!, { extra: { max: 1 } });
    await dataSource.initialize();
  });
  afterAll(() => dataSource.destroy());

  it('prepares a marked text once, answers each call with its own values, and leaves other texts alone', async () => {
    const text = prepared(`SELECT $1::int * 2 AS doubled`);
    expect(await inSession()).toEqual([]);
    expect(await dataSource.query(text, [21])).toEqual([{ doubled: 42 }]);
    expect(await dataSource.query(text, [5])).toEqual([{ doubled: 10 }]);
    // Unmarked: the same result, no statement kept.
    expect(await dataSource.query(`SELECT $1::int * 3 AS tripled`, [5])).toEqual([{ tripled: 15 }]);
    const kept = await inSession();
    expect(kept).toHaveLength(1);
    expect(kept[0].statement).toBe(text);
  });

  it('keeps one statement per text, however often the text is marked again', async () => {
    const text = prepared(`SELECT $1::text || '!' AS said`);
    expect(prepared(text)).toBe(text);
    await dataSource.query(prepared(text), ['a']);
    await dataSource.query(text, ['b']);
    expect((await inSession()).filter((s) => s.statement === text)).toHaveLength(1);
  });

  it('inside a transaction too, and a marked statement that fails leaves the connection usable', async () => {
    const text = prepared(`SELECT 1 / $1::int AS share`);
    await expect(dataSource.query(text, [0])).rejects.toThrow(/division by zero/);
    const answer = await dataSource.transaction((tx) => tx.query(text, [1]));
    expect(answer).toEqual([{ share: 1 }]);
    expect((await inSession()).filter((s) => s.statement === text)).toHaveLength(1);
  });
});
