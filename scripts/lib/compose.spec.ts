import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as config from '@ngk/config';
import { ValidationTypes, getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { DEPLOY_FILES, TEMPORAL_SERVER_VERSION, deployDir } from './temporal-native';

/**
 * docker-compose.yml cannot run here (no Docker engine), so it is held to what can: the native
 * `NGK_TEMPORAL=server` mode that the integration suites run, the variables libs/config validates, and
 * the rules of a deployment that publishes nothing beyond the host by default.
 */
const ROOT = path.resolve(__dirname, '../..');
const COMPOSE_FILE = path.join(ROOT, 'docker-compose.yml');
const text = fs.readFileSync(COMPOSE_FILE, 'utf8');

type Environment = Record<string, string | number | null>;
interface Service {
  image?: string;
  entrypoint?: string[];
  command?: string[];
  environment?: Environment;
  volumes?: string[];
  ports?: (string | { host_ip?: string; published?: string | number })[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
const services: Record<string, Service> = parse(text, { merge: true }).services;
const APPS = ['migrate', 'worker', 'api'] as const;
const JOBS = [
  ['temporal-schema', DEPLOY_FILES.schemaScript],
  ['temporal-namespace', DEPLOY_FILES.namespaceScript],
] as const;

/** What compose makes of `${NAME}`, `${NAME:-default}` and `${NAME:?error}` (innermost first), given `vars`. */
function interpolate(value: string, vars: Record<string, string>): string {
  const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-?])([^${}]*))?\}/;
  let out = value;
  for (let match = reference.exec(out); match; match = reference.exec(out)) {
    const [whole, name, kind, operand] = match;
    const set = vars[name] !== undefined && vars[name] !== '';
    if (!set && kind === '?') throw new Error(`${name}: ${operand}`);
    out = out.replace(whole, set ? vars[name] : kind === '-' ? operand : '');
  }
  return out;
}

/** The container's environment when only the required variables are set; a name without a value stays unset. */
function defaultEnvironment(service: Service): Record<string, string> {
  const required = { JWT_SECRET: 'j'.repeat(32), POSTGRES_PASSWORD: 'secret', POSTGRES_APP_PASSWORD: 'apps' };
  return Object.fromEntries(
    Object.entries(service.environment ?? {})
      .filter(([, value]) => value !== null)
      .map(([name, value]) => [name, interpolate(String(value), required)]),
  );
}

/** The host file behind a path inside the container, through the service's bind mounts. */
function hostPath(service: Service, containerPath: string): { file: string; readOnly: boolean } | undefined {
  for (const volume of service.volumes ?? []) {
    const [source, target, mode] = volume.split(':');
    if (!source.startsWith('.') || !containerPath.startsWith(target + '/')) continue;
    return {
      file: path.resolve(ROOT, source, path.relative(target, containerPath)),
      readOnly: mode === 'ro',
    };
  }
  return undefined;
}

/** Every property that a validated class exported by libs/config declares, read from class-validator. */
function validatedProperties(): { all: Set<string>; required: Set<string> } {
  const all = new Set<string>();
  const optional = new Set<string>();
  for (const exported of Object.values(config)) {
    if (typeof exported !== 'function') continue;
    const metadata = getMetadataStorage().getTargetValidationMetadatas(exported, '', true, false);
    for (const m of metadata) {
      all.add(m.propertyName);
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) optional.add(m.propertyName);
    }
  }
  return { all, required: new Set([...all].filter((name) => !optional.has(name))) };
}

describe('docker-compose.yml runs the deploy/ files the native Temporal mode runs', () => {
  it.each(JOBS)('%s runs deploy/%s with sh, mounted read-only from the repository', (name, script) => {
    const service = services[name];
    const argv = [...(service.entrypoint ?? []), ...(service.command ?? [])];
    expect(argv).toHaveLength(2);
    expect(argv[0]).toBe('sh');
    expect(hostPath(service, argv[1])).toEqual({ file: path.join(deployDir(), script), readOnly: true });
    expect(fs.existsSync(path.join(deployDir(), script))).toBe(true);
  });

  it.each(JOBS)('%s sets only variables deploy/%s reads', (name, file) => {
    const script = path.join(deployDir(), file);
    const read = new Set(
      [...fs.readFileSync(script, 'utf8').matchAll(/\$\{([A-Z_]+)[:}]/g)].map((m) => m[1]),
    );
    expect(Object.keys(services[name].environment ?? {}).filter((v) => !read.has(v))).toEqual([]);
  });

  it('migrates the schemas the server then uses: same databases, role, host and plugin', () => {
    const schema = defaultEnvironment(services['temporal-schema']);
    const server = defaultEnvironment(services.temporal);
    const plugin = /--plugin (\S+)/.exec(
      fs.readFileSync(path.join(deployDir(), DEPLOY_FILES.schemaScript), 'utf8'),
    );
    expect(server).toMatchObject({
      DB: plugin?.[1],
      POSTGRES_SEEDS: schema.POSTGRES_HOST,
      DB_PORT: schema.POSTGRES_PORT,
      POSTGRES_USER: schema.POSTGRES_USER,
      POSTGRES_PWD: schema.POSTGRES_PASSWORD,
      DBNAME: schema.TEMPORAL_DB,
      VISIBILITY_DBNAME: schema.TEMPORAL_VISIBILITY_DB,
    });
    // Where temporalio/admin-tools ships the schema files (its Dockerfile copies them there).
    expect(schema.TEMPORAL_SCHEMA_DIR).toBe('/etc/temporal/schema');
  });

  it('runs temporalio/server at the native mode version, on the shared dynamic config, with metrics', () => {
    const server = services.temporal;
    const version = TEMPORAL_SERVER_VERSION.replace(/^v/, '');
    expect(server.image).toBe(`temporalio/server:${version}`);
    expect(services['temporal-schema'].image).toMatch(new RegExp(`^temporalio/admin-tools:${version}\\b`));
    expect(services['temporal-namespace'].image).toBe(services['temporal-schema'].image);
    const env = server.environment ?? {};
    expect(hostPath(server, String(env.DYNAMIC_CONFIG_FILE_PATH))?.file).toBe(
      path.join(deployDir(), DEPLOY_FILES.dynamicConfig),
    );
    expect(env.NUM_HISTORY_SHARDS).toBe('${TEMPORAL_HISTORY_SHARDS:-8}');
    expect(env.PROMETHEUS_ENDPOINT).toMatch(/:\d+$/);
    expect(text).not.toMatch(/auto-setup/);
  });

  it('starts each step once the one before it is done', () => {
    const completed = { condition: 'service_completed_successfully' };
    const healthy = { condition: 'service_healthy' };
    expect(services['temporal-schema'].depends_on).toEqual({ postgres: healthy });
    expect(services.temporal.depends_on).toEqual({ 'temporal-schema': completed });
    expect(services['temporal-namespace'].depends_on).toEqual({ temporal: healthy });
    expect(services.migrate.depends_on).toEqual({ postgres: healthy });
    for (const app of ['worker', 'api']) {
      expect(services[app].depends_on).toEqual({ migrate: completed, 'temporal-namespace': completed });
    }
    for (const name of ['postgres', 'temporal', 'worker', 'api'])
      expect(services[name].healthcheck).toBeDefined();
  });

  it('registers the namespace the apps use', () => {
    const namespace = defaultEnvironment(services['temporal-namespace']).TEMPORAL_NAMESPACE;
    for (const app of ['worker', 'api'])
      expect(defaultEnvironment(services[app]).TEMPORAL_NAMESPACE).toBe(namespace);
    expect(defaultEnvironment(services['temporal-ui']).TEMPORAL_DEFAULT_NAMESPACE).toBe(namespace);
  });
});

describe('docker-compose.yml gives the apps only variables libs/config validates', () => {
  const validated = validatedProperties();

  it.each(APPS)('%s sets no variable libs/config does not know', (app) => {
    expect(Object.keys(services[app].environment ?? {}).filter((name) => !validated.all.has(name))).toEqual(
      [],
    );
  });

  it('sets what the apps require, in production', () => {
    expect([...validated.required].sort()).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'TEMPORAL_ADDRESS']),
    );
    for (const app of ['worker', 'api']) {
      const env = defaultEnvironment(services[app]);
      for (const name of validated.required) expect(env[name]).toBeTruthy();
      expect(() => config.validateEnvironment(env)).not.toThrow();
    }
    expect(defaultEnvironment(services.api).JWT_SECRET).toHaveLength(32);
    expect(defaultEnvironment(services.migrate).DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(() =>
      config.validateProvisioningEnvironment(defaultEnvironment(services.migrate), { migrating: true }),
    ).not.toThrow();
    for (const app of APPS) expect(services[app].environment?.NODE_ENV).toBe('production');
  });

  it("runs migrate as the tables' owner and the apps as a role of their own, which migrate grants", () => {
    const migrate = defaultEnvironment(services.migrate);
    const owner = new URL(migrate.DATABASE_MIGRATION_URL);
    const postgres = defaultEnvironment(services.postgres);
    expect([owner.username, owner.password, owner.pathname]).toEqual([
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
      `/${postgres.POSTGRES_DB}`,
    ]);
    for (const app of ['worker', 'api']) {
      const env = defaultEnvironment(services[app]);
      // The same URL migrate grants, and nothing of the owner's: neither its URL nor its password.
      expect(env.DATABASE_URL).toBe(migrate.DATABASE_URL);
      expect(env).not.toHaveProperty('DATABASE_MIGRATION_URL');
      expect(Object.values(env).join(' ')).not.toContain(postgres.POSTGRES_PASSWORD);
    }
    const apps = new URL(migrate.DATABASE_URL);
    expect(apps.username).not.toBe(owner.username);
    expect(apps.password).toBe('apps');
    expect(`${apps.host}${apps.pathname}`).toBe(`${owner.host}${owner.pathname}`);
  });

  it('never seeds the demo accounts', () => {
    for (const app of APPS) expect(services[app].environment).not.toHaveProperty('NGK_DEMO');
  });
});

describe('docker-compose.yml is safe by default', () => {
  it('requires JWT_SECRET and both database passwords and has no default for any', () => {
    expect(services.api.environment?.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?.+\}$/);
    expect(services.postgres.environment?.POSTGRES_PASSWORD).toMatch(/^\$\{POSTGRES_PASSWORD:\?.+\}$/);
    expect(services.api.environment?.DATABASE_URL).toMatch(/:\$\{POSTGRES_APP_PASSWORD:\?.+\}@/);
    const uses = [...text.matchAll(/\$\{(JWT_SECRET|POSTGRES_PASSWORD|POSTGRES_APP_PASSWORD)([^}]*)\}/g)];
    expect(uses.length).toBeGreaterThan(3);
    for (const [use, , operator] of uses)
      expect({ use, operator }).toEqual({ use, operator: expect.stringMatching(/^:\?./) });
  });

  it('publishes ports on 127.0.0.1 unless told otherwise', () => {
    const published = Object.entries(services).flatMap(([name, s]) =>
      (s.ports ?? []).map((p) => ({ name, p })),
    );
    expect(published.map(({ name }) => name).sort()).toEqual(['api', 'temporal-ui']);
    for (const { name, p } of published) {
      // host:published:target once compose has applied the defaults; without a host part it is every interface.
      const parts = typeof p === 'string' ? interpolate(p, {}).split(':') : [p.host_ip, p.published, 0];
      expect({ name, host: parts.length === 3 ? parts[0] : 'all interfaces' }).toEqual({
        name,
        host: '127.0.0.1',
      });
    }
  });

  it('pins every image to an exact version; the project image to package.json, Node to ensure-node.sh', () => {
    for (const [name, service] of Object.entries(services)) {
      const [, tag] = String(service.image).split(':');
      expect({ name, tag }).toEqual({ name, tag: expect.stringMatching(/^\d+\.\d+(\.\d+)?([-.][\w.-]+)?$/) });
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const app of APPS) expect(services[app].image).toBe(`ngk:${pkg.version}`);
    const node = /^NGK_NODE_VERSION=(\S+)$/m.exec(
      fs.readFileSync(path.join(ROOT, 'scripts/ensure-node.sh'), 'utf8'),
    )?.[1];
    const froms = [...fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').matchAll(/^FROM (\S+)/gm)].map(
      (m) => m[1],
    );
    expect(new Set(froms)).toEqual(new Set([`node:${node}-bookworm-slim`]));
    expect(pkg.engines.node).toBe(`>=${node?.split('.')[0]}`);
  });

  it('keeps the Temporal UI read-only', () => {
    expect(services['temporal-ui'].environment?.TEMPORAL_DISABLE_WRITE_ACTIONS).toBe('true');
  });

  it('is a file docker compose accepts, where the compose plugin is installed', () => {
    if (spawnSync('docker', ['compose', 'version']).status !== 0) {
      console.log('docker compose config not run: the docker compose plugin is not installed here');
      return;
    }
    const { JWT_SECRET: _jwt, POSTGRES_PASSWORD: _pg, POSTGRES_APP_PASSWORD: _app, ...host } = process.env;
    const run = (env: Record<string, string>) =>
      spawnSync('docker', ['compose', '-f', COMPOSE_FILE, 'config', '-q'], { env: { ...host, ...env } });
    const passwords = { POSTGRES_PASSWORD: 'secret', POSTGRES_APP_PASSWORD: 'apps' };
    expect(run({ JWT_SECRET: 'j'.repeat(32), ...passwords }).status).toBe(0);
    const missing = run(passwords);
    expect({ status: missing.status, stderr: missing.stderr.toString() }).toMatchObject({
      status: expect.not.stringMatching(/^0$/),
      stderr: expect.stringMatching(/JWT_SECRET/),
    });
  });
});
