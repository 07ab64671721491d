import { queryAt } from '../../scripts/lib/database';
import { ensureTemporalCli } from '../../scripts/lib/temporal-server';
import { ensureTemporalServer, runDeployScript } from '../../scripts/lib/temporal-native';
import { TEMPORAL_SERVER_SERIES } from '../../apps/worker/src/sdk-series';
import { useOwnTemporalServer } from '../support/own-temporal';

/** deploy/temporal-schema.sh and deploy/temporal-namespace.sh, which compose runs too, run for real. */
describe('deploy scripts on the real Temporal server', () => {
  const temporal = useOwnTemporalServer('deploy');
  const silent = () => undefined;

  const schemaEnv = async () => {
    const binaries = await ensureTemporalServer(silent);
    const pg = new URL(temporal.adminUrl());
    return {
      POSTGRES_HOST: pg.hostname,
      POSTGRES_PORT: pg.port || '5432',
      POSTGRES_USER: decodeURIComponent(pg.username),
      POSTGRES_PASSWORD: decodeURIComponent(pg.password),
      TEMPORAL_DB: temporal.databases.temporal,
      TEMPORAL_VISIBILITY_DB: temporal.databases.visibility,
      TEMPORAL_SQL_TOOL: binaries.sqlTool,
      TEMPORAL_SCHEMA_DIR: binaries.schemaDir,
    };
  };
  const namespaceEnv = async () => ({
    TEMPORAL_ADDRESS: temporal.server.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_CLI: await ensureTemporalCli(silent),
  });
  const schemaVersions = async () => {
    const url = temporal.adminUrl().replace(/\/[^/]*$/, '');
    return Promise.all(
      [temporal.databases.temporal, temporal.databases.visibility].map((db) =>
        queryAt(`${url}/${db}`, 'SELECT * FROM schema_version'),
      ),
    );
  };

  it('set up a server that serves, and a second run of each changes nothing and exits 0', async () => {
    const before = await schemaVersions();
    expect(before.map((rows) => rows.length)).toEqual([1, 1]);

    const schema = await runDeployScript('temporal-schema.sh', await schemaEnv(), silent);
    expect(schema).toMatch(new RegExp(`database ${temporal.databases.temporal} present`));
    expect(await schemaVersions()).toEqual(before);

    const namespace = await runDeployScript('temporal-namespace.sh', await namespaceEnv(), silent);
    expect(namespace).toMatch(/namespace default already exists/);
    expect(namespace).not.toMatch(/namespace default registered/);
  });

  it('fails on anything but "already exists"', async () => {
    await expect(
      runDeployScript(
        'temporal-namespace.sh',
        {
          ...(await namespaceEnv()),
          TEMPORAL_NAMESPACE: 'ngk-other',
          TEMPORAL_NAMESPACE_RETENTION: 'forever',
        },
        silent,
      ),
    ).rejects.toThrow(/temporal-namespace.sh failed with exit code 1/);
    await expect(
      runDeployScript(
        'temporal-schema.sh',
        { ...(await schemaEnv()), TEMPORAL_SCHEMA_DIR: '/nonexistent' },
        silent,
      ),
    ).rejects.toThrow(/no schema files at \/nonexistent/);
    await expect(
      runDeployScript(
        'temporal-schema.sh',
        { ...(await schemaEnv()), POSTGRES_USER: 'no_such_role' },
        silent,
      ),
    ).rejects.toThrow(/temporal-schema.sh failed/);
  });

  it("serves the server's Prometheus metrics, with the series the Grafana dashboard reads", async () => {
    const res = await fetch(temporal.server.metricsUrl);
    expect(res.status).toBe(200);
    const body = await res.text();
    for (const series of TEMPORAL_SERVER_SERIES) expect(body).toMatch(new RegExp(`^${series}\\{`, 'm'));
  });
});
