import { examples } from '../support/examples';
import { sql } from '../support/fixtures';
import type { client } from '../support/http';

/** A new propaganda item from cadre.phule, acknowledged by its lead unit. */
export async function acknowledgedItem(http: ReturnType<typeof client>, title: string): Promise<string> {
  const submitted = await http.submit('cadre.phule', { ...(await examples()).propaganda, title });
  expect(submitted.status).toBe(201);
  const id: string = submitted.body.id;
  expect((await http.act('officer.propaganda', id, 'acknowledge')).status).toBe(200);
  return id;
}

/** The item's progress notes in the read model, in order. */
export async function progressNotes(id: string): Promise<string[]> {
  const rows = await sql<{ reason: string }>(
    `SELECT reason FROM recommendation_events WHERE recommendation_id = $1 AND type = 'progress' ORDER BY seq`,
    [id],
  );
  return rows.map((r) => r.reason);
}
