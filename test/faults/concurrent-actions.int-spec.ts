import { useApps } from '../support/apps';
import { examples } from '../support/examples';
import { sql } from '../support/fixtures';
import { client } from '../support/http';

/** Two people act on the same task at the same moment: the workflow takes them one at a time. */
describe('faults: concurrent actions', () => {
  const apps = useApps();
  let http: ReturnType<typeof client>;
  beforeAll(() => {
    http = client(apps.api);
  });

  it('two officers resolve the same task at once: one 200, one 409, one resolution written', async () => {
    const submitted = await http.submit('cadre.anthanh', (await examples()).wells418);
    expect(submitted.status).toBe(201);
    const id = submitted.body.id;
    expect((await http.act('officer.dard', id, 'acknowledge')).status).toBe(200);

    const answers = await Promise.all(
      (['officer.dard', 'head.dard'] as const).map((username) =>
        http.act(username, id, 'resolve', {
          response: `Cấm khoan giếng mới trong vùng dự án 418 (${username}).`,
          outcome: 'implemented',
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    expect(refused.body).toMatchObject({ status: 'resolved' });

    const resolutions = await sql(
      `SELECT seq FROM recommendation_events WHERE recommendation_id = $1 AND type = 'resolved'`,
      [id],
    );
    expect(resolutions).toHaveLength(1);
    const [row] = await sql<{ status: string; response: string }>(
      `SELECT status, response FROM recommendations WHERE id = $1`,
      [id],
    );
    const winner = answers.find((a) => a.status === 200)!;
    expect(row).toEqual({ status: 'resolved', response: winner.body.response });
  });
});
