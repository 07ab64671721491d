import { RECOMMENDATION_COLUMNS } from '@ngk/persistence';
import { sql } from './support/fixtures';

describe('the read model column list', () => {
  it('names only columns the migrations made', async () => {
    const rows = await sql<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'recommendations'`,
    );
    const migrated = new Set(rows.map((r) => r.column_name));
    const missing = Object.entries(RECOMMENDATION_COLUMNS)
      .filter(([, column]) => !migrated.has(column.name))
      .map(([field, column]) => `${field}: ${column.name}`);
    expect(missing).toEqual([]);
  });
});
