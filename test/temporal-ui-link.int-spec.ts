import { useApps } from './support/apps';
import { examples } from './support/examples';
import { client } from './support/http';

/** An admin's view of an item links to its workflow in the Temporal Web UI; nobody else's does. */
describe('link to the Temporal Web UI', () => {
  // Read by the API when it starts, in useApps' beforeAll.
  process.env.TEMPORAL_UI_URL = 'http://127.0.0.1:8233/';
  const apps = useApps();

  it('is given to an admin, and to no other role that sees the item', async () => {
    const http = client(apps.api);
    const submitted = await http.submit('cadre.hoaloi', {
      ...(await examples()).road26,
      title: 'Liên kết Temporal UI: đường 26',
    });
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as string;
    expect(submitted.body.temporalUiUrl).toBeNull();

    const admin = await http.get('admin', id);
    expect(admin.status).toBe(200);
    expect(admin.body.temporalUiUrl).toBe(
      `http://127.0.0.1:8233/namespaces/default/workflows/${encodeURIComponent(`recommendation-${id}`)}`,
    );
    for (const username of [
      'cadre.hoaloi',
      'officer.thanhphu',
      'head.ppc',
      'member.standing',
      'viewer.leadership',
    ]) {
      const res = await http.get(username, id);
      expect([username, res.status, res.body.temporalUiUrl]).toEqual([username, 200, null]);
    }
  });
});
