import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  const good = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ngk', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

  it('accepts a complete configuration and fills defaults', () => {
    const env = validateEnvironment({ ...good, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.TEMPORAL_NAMESPACE).toBe('default');
    expect(env.TEMPORAL_TASK_QUEUE).toBe('ngk-recommendations');
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.TEMPORAL_MAX_CACHED_WORKFLOWS).toBe(1000);
  });

  it('keeps access tokens short and browser sessions long, both bounded', () => {
    const env = validateEnvironment(good);
    expect(env.JWT_TTL_SECONDS).toBe(900);
    expect(env.REFRESH_TTL_SECONDS).toBe(14 * 86_400);
    expect(validateEnvironment({ ...good, REFRESH_TTL_SECONDS: '3600' }).REFRESH_TTL_SECONDS).toBe(3600);
    expect(() => validateEnvironment({ ...good, REFRESH_TTL_SECONDS: '60' })).toThrow(
      /REFRESH_TTL_SECONDS: .*at least 300/,
    );
    expect(() => validateEnvironment({ ...good, REFRESH_TTL_SECONDS: 'forever' })).toThrow(
      /REFRESH_TTL_SECONDS: .*whole number/,
    );
  });

  it('reads an empty variable (compose passes `${VAR:-}` as "") as unset, keeping the default', () => {
    const env = validateEnvironment({
      ...good,
      JWT_TTL_SECONDS: '',
      PORT: '',
      DB_STATEMENT_TIMEOUT_MS: '',
      WORKFLOW_UPDATES_PER_RUN: '',
      TEMPORAL_UI_URL: '',
    });
    expect(env.JWT_TTL_SECONDS).toBe(900);
    expect(env.PORT).toBe(3000);
    expect(env.DB_STATEMENT_TIMEOUT_MS).toBe(5000);
    expect(env.WORKFLOW_UPDATES_PER_RUN).toBe(100);
    expect(env.TEMPORAL_UI_URL).toBeUndefined();
    expect(() => validateEnvironment({ ...good, DATABASE_URL: '' })).toThrow(/DATABASE_URL: missing/);
  });

  it("keeps a workflow run's Updates well under Temporal's limit of 2,000", () => {
    expect(validateEnvironment(good).WORKFLOW_UPDATES_PER_RUN).toBe(100);
    expect(validateEnvironment({ ...good, WORKFLOW_UPDATES_PER_RUN: '10' }).WORKFLOW_UPDATES_PER_RUN).toBe(
      10,
    );
    expect(() => validateEnvironment({ ...good, WORKFLOW_UPDATES_PER_RUN: '2000' })).toThrow(
      /WORKFLOW_UPDATES_PER_RUN: .*at most 1500/,
    );
    expect(() => validateEnvironment({ ...good, WORKFLOW_UPDATES_PER_RUN: '5' })).toThrow(
      /WORKFLOW_UPDATES_PER_RUN: .*at least 10/,
    );
  });

  it('bounds the worker cache with a whole number, 1 at least: local activities need one', () => {
    expect(
      validateEnvironment({ ...good, TEMPORAL_MAX_CACHED_WORKFLOWS: '1' }).TEMPORAL_MAX_CACHED_WORKFLOWS,
    ).toBe(1);
    for (const none of ['0', '-1']) {
      expect(() => validateEnvironment({ ...good, TEMPORAL_MAX_CACHED_WORKFLOWS: none })).toThrow(
        /TEMPORAL_MAX_CACHED_WORKFLOWS: .*1 or more: every workflow task runs local activities/,
      );
    }
    expect(() => validateEnvironment({ ...good, TEMPORAL_MAX_CACHED_WORKFLOWS: 'many' })).toThrow(
      /TEMPORAL_MAX_CACHED_WORKFLOWS: .*whole number/,
    );
  });

  it('names every missing variable', () => {
    expect(() => validateEnvironment({})).toThrow(/DATABASE_URL: missing[\s\S]*TEMPORAL_ADDRESS: missing/);
  });

  it('names a malformed variable and the reason', () => {
    expect(() => validateEnvironment({ ...good, TEMPORAL_ADDRESS: 'localhost' })).toThrow(
      /TEMPORAL_ADDRESS: TEMPORAL_ADDRESS must be host:port/,
    );
    expect(() => validateEnvironment({ ...good, PORT: 'eighty' })).toThrow(/PORT: .*PORT must be an integer/);
    expect(() => validateEnvironment({ ...good, LOG_LEVEL: 'loud' })).toThrow(
      /LOG_LEVEL: LOG_LEVEL must be one of/,
    );
  });

  it('accepts a shortened clock for tests and demos, and refuses it in production', () => {
    expect(validateEnvironment({ ...good, NGK_DAY_SECONDS: '2' }).NGK_DAY_SECONDS).toBe(2);
    expect(() => validateEnvironment({ ...good, NGK_DAY_SECONDS: '0' })).toThrow(
      /NGK_DAY_SECONDS: .*greater than 0/,
    );
    expect(() => validateEnvironment({ ...good, NGK_DAY_SECONDS: 'fast' })).toThrow(
      /NGK_DAY_SECONDS: .*number/,
    );
    expect(() => validateEnvironment({ ...good, NODE_ENV: 'production', NGK_DAY_SECONDS: '2' })).toThrow(
      /NGK_DAY_SECONDS: .*refused when NODE_ENV is production/,
    );
    expect(() => validateEnvironment({ ...good, NGK_CLOCK_START: 'monday' })).toThrow(
      /NGK_CLOCK_START: .*ISO 8601/,
    );
  });

  it('bounds SQL statements, a longer bound for reports, both whole milliseconds', () => {
    const env = validateEnvironment(good);
    expect(env.DB_STATEMENT_TIMEOUT_MS).toBe(5000);
    expect(env.DB_REPORT_STATEMENT_TIMEOUT_MS).toBe(60_000);
    const set = validateEnvironment({
      ...good,
      DB_STATEMENT_TIMEOUT_MS: '200',
      DB_REPORT_STATEMENT_TIMEOUT_MS: '',
    });
    expect(set.DB_STATEMENT_TIMEOUT_MS).toBe(200);
    expect(set.DB_REPORT_STATEMENT_TIMEOUT_MS).toBe(60_000);
    expect(() => validateEnvironment({ ...good, DB_STATEMENT_TIMEOUT_MS: '0' })).toThrow(
      /DB_STATEMENT_TIMEOUT_MS: .*at least 1/,
    );
    expect(() => validateEnvironment({ ...good, DB_STATEMENT_TIMEOUT_MS: '5s' })).toThrow(
      /DB_STATEMENT_TIMEOUT_MS: .*whole number of milliseconds/,
    );
    expect(() => validateEnvironment({ ...good, DB_REPORT_STATEMENT_TIMEOUT_MS: '7200000' })).toThrow(
      /DB_REPORT_STATEMENT_TIMEOUT_MS: .*at most an hour/,
    );
    expect(() =>
      validateEnvironment({
        ...good,
        DB_STATEMENT_TIMEOUT_MS: '9000',
        DB_REPORT_STATEMENT_TIMEOUT_MS: '8000',
      }),
    ).toThrow(/DB_REPORT_STATEMENT_TIMEOUT_MS: .*at least DB_STATEMENT_TIMEOUT_MS/);
  });

  it('caps submissions per user and minute with a whole number of at least 1', () => {
    expect(validateEnvironment(good).SUBMISSIONS_PER_USER_PER_MINUTE).toBe(10);
    expect(
      validateEnvironment({ ...good, SUBMISSIONS_PER_USER_PER_MINUTE: '3' }).SUBMISSIONS_PER_USER_PER_MINUTE,
    ).toBe(3);
    expect(() => validateEnvironment({ ...good, SUBMISSIONS_PER_USER_PER_MINUTE: '0' })).toThrow(
      /SUBMISSIONS_PER_USER_PER_MINUTE: .*at least 1/,
    );
    expect(() => validateEnvironment({ ...good, SUBMISSIONS_PER_USER_PER_MINUTE: 'many' })).toThrow(
      /SUBMISSIONS_PER_USER_PER_MINUTE: .*whole number/,
    );
  });

  it('caps actions per user and minute, and per item and day', () => {
    const env = validateEnvironment(good);
    expect([env.ACTIONS_PER_USER_PER_MINUTE, env.ACTIONS_PER_ITEM_PER_DAY]).toEqual([30, 100]);
    expect(validateEnvironment({ ...good, ACTIONS_PER_ITEM_PER_DAY: '5' }).ACTIONS_PER_ITEM_PER_DAY).toBe(5);
    expect(() => validateEnvironment({ ...good, ACTIONS_PER_USER_PER_MINUTE: '0' })).toThrow(
      /ACTIONS_PER_USER_PER_MINUTE: .*at least 1/,
    );
    expect(() => validateEnvironment({ ...good, ACTIONS_PER_ITEM_PER_DAY: '20000' })).toThrow(
      /ACTIONS_PER_ITEM_PER_DAY: .*at most 10000/,
    );
  });

  it('guards /metrics with a token of at least 16 characters when one is set', () => {
    expect(validateEnvironment(good).METRICS_TOKEN).toBeUndefined();
    expect(validateEnvironment({ ...good, METRICS_TOKEN: 'a'.repeat(16) }).METRICS_TOKEN).toBe(
      'a'.repeat(16),
    );
    expect(() => validateEnvironment({ ...good, METRICS_TOKEN: 'short' })).toThrow(
      /METRICS_TOKEN: .*at least 16 characters/,
    );
  });

  it("reads the worker's health and metrics ports, 0 turning each off", () => {
    const env = validateEnvironment(good);
    expect([env.WORKER_HEALTH_PORT, env.WORKER_METRICS_PORT]).toEqual([8081, 9464]);
    const off = validateEnvironment({ ...good, WORKER_HEALTH_PORT: '0', WORKER_METRICS_PORT: '0' });
    expect([off.WORKER_HEALTH_PORT, off.WORKER_METRICS_PORT]).toEqual([0, 0]);
    expect(() => validateEnvironment({ ...good, WORKER_HEALTH_PORT: 'http' })).toThrow(
      /WORKER_HEALTH_PORT: .*port number/,
    );
    expect(() => validateEnvironment({ ...good, WORKER_METRICS_PORT: '70000' })).toThrow(
      /WORKER_METRICS_PORT/,
    );
  });

  it('reads the pool size and the summaries fold interval as bounded whole numbers', () => {
    const env = validateEnvironment(good);
    expect([env.DB_POOL_SIZE, env.STATS_FOLD_INTERVAL_MS]).toEqual([10, 2000]);
    const set = validateEnvironment({ ...good, DB_POOL_SIZE: '40', STATS_FOLD_INTERVAL_MS: '500' });
    expect([set.DB_POOL_SIZE, set.STATS_FOLD_INTERVAL_MS]).toEqual([40, 500]);
    expect(() => validateEnvironment({ ...good, DB_POOL_SIZE: '1' })).toThrow(/DB_POOL_SIZE: .*at least 2/);
    expect(() => validateEnvironment({ ...good, DB_POOL_SIZE: 'many' })).toThrow(
      /DB_POOL_SIZE: .*whole number/,
    );
    expect(() => validateEnvironment({ ...good, STATS_FOLD_INTERVAL_MS: '10' })).toThrow(
      /STATS_FOLD_INTERVAL_MS: .*at least 100/,
    );
  });

  it("keeps actions' Idempotency-Keys a week unless told otherwise, a whole number of days from 1", () => {
    expect(validateEnvironment(good).ACTION_KEY_RETENTION_DAYS).toBe(7);
    expect(validateEnvironment({ ...good, ACTION_KEY_RETENTION_DAYS: '30' }).ACTION_KEY_RETENTION_DAYS).toBe(
      30,
    );
    expect(() => validateEnvironment({ ...good, ACTION_KEY_RETENTION_DAYS: '0' })).toThrow(
      /ACTION_KEY_RETENTION_DAYS: .*at least 1/,
    );
    expect(() => validateEnvironment({ ...good, ACTION_KEY_RETENTION_DAYS: '1.5' })).toThrow(
      /ACTION_KEY_RETENTION_DAYS: .*whole number/,
    );
  });

  it('reads the workflow threads as a whole number from 1 to 16, left to the SDK when unset', () => {
    expect(validateEnvironment(good).TEMPORAL_WORKFLOW_THREADS).toBeUndefined();
    expect(validateEnvironment({ ...good, TEMPORAL_WORKFLOW_THREADS: '2' }).TEMPORAL_WORKFLOW_THREADS).toBe(
      2,
    );
    for (const bad of ['0', '17'])
      expect(() => validateEnvironment({ ...good, TEMPORAL_WORKFLOW_THREADS: bad })).toThrow(
        /TEMPORAL_WORKFLOW_THREADS: .*between 1 and 16/,
      );
    expect(() => validateEnvironment({ ...good, TEMPORAL_WORKFLOW_THREADS: 'two' })).toThrow(
      /TEMPORAL_WORKFLOW_THREADS: .*whole number/,
    );
  });

  it('reads the sticky queue timeout as whole seconds from 1 to 3600, left to the SDK when unset', () => {
    expect(validateEnvironment(good).TEMPORAL_STICKY_TIMEOUT_SECONDS).toBeUndefined();
    expect(
      validateEnvironment({ ...good, TEMPORAL_STICKY_TIMEOUT_SECONDS: '60' }).TEMPORAL_STICKY_TIMEOUT_SECONDS,
    ).toBe(60);
    for (const bad of ['0', '3601'])
      expect(() => validateEnvironment({ ...good, TEMPORAL_STICKY_TIMEOUT_SECONDS: bad })).toThrow(
        /TEMPORAL_STICKY_TIMEOUT_SECONDS: .*between 1 and 3600/,
      );
    expect(() => validateEnvironment({ ...good, TEMPORAL_STICKY_TIMEOUT_SECONDS: '1.5' })).toThrow(
      /TEMPORAL_STICKY_TIMEOUT_SECONDS: .*whole number/,
    );
  });

  it('reads the shutdown grace as a duration', () => {
    expect(validateEnvironment(good).WORKER_SHUTDOWN_GRACE).toBe('10s');
    expect(validateEnvironment({ ...good, WORKER_SHUTDOWN_GRACE: '500ms' }).WORKER_SHUTDOWN_GRACE).toBe(
      '500ms',
    );
    expect(() => validateEnvironment({ ...good, WORKER_SHUTDOWN_GRACE: 'soon' })).toThrow(
      /WORKER_SHUTDOWN_GRACE: .*duration/,
    );
  });

  it('accepts LOG_FORMAT pretty or json, and refuses pretty in production', () => {
    expect(validateEnvironment({ ...good, LOG_FORMAT: 'json' }).LOG_FORMAT).toBe('json');
    expect(() => validateEnvironment({ ...good, LOG_FORMAT: 'colour' })).toThrow(/LOG_FORMAT: .*one of/);
    expect(() => validateEnvironment({ ...good, NODE_ENV: 'production', LOG_FORMAT: 'pretty' })).toThrow(
      /LOG_FORMAT: .*pretty is refused/,
    );
  });

  it('reads CORS_ORIGINS as a list of origins, none when unset', () => {
    expect(validateEnvironment(good).CORS_ORIGINS).toEqual([]);
    expect(validateEnvironment({ ...good, CORS_ORIGINS: '' }).CORS_ORIGINS).toEqual([]);
    expect(
      validateEnvironment({ ...good, CORS_ORIGINS: ' https://ngk.example , http://127.0.0.1:8080,' })
        .CORS_ORIGINS,
    ).toEqual(['https://ngk.example', 'http://127.0.0.1:8080']);
    expect(() => validateEnvironment({ ...good, CORS_ORIGINS: 'https://ngk.example/app' })).toThrow(
      /CORS_ORIGINS: .*no path/,
    );
    expect(() => validateEnvironment({ ...good, CORS_ORIGINS: 'ngk.example' })).toThrow(/CORS_ORIGINS/);
  });

  it('reads TRUST_PROXY as a hop count or a list of proxies, off by default, never "trust all"', () => {
    const trust = (value?: string) => validateEnvironment({ ...good, TRUST_PROXY: value }).TRUST_PROXY;
    expect(trust()).toBe(0);
    expect(trust('')).toBe(0);
    expect(trust('2')).toBe(2);
    expect(trust(' 10.0.0.5, 10.1.0.0/16 ,loopback,::1,fd00::/8')).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      'loopback',
      '::1',
      'fd00::/8',
    ]);
    for (const bad of ['true', '11', '10.0.0.300', '10.0.0.0/33', 'proxy.example', '10.0.0.0/8/1']) {
      expect(() => trust(bad)).toThrow(/TRUST_PROXY/);
    }
  });

  it('reads WORKFLOW_BUNDLE_PATH as a readable file, unset when empty', () => {
    const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-bundle-')), 'workflow-bundle.js');
    fs.writeFileSync(bundle, '');
    expect(validateEnvironment(good).WORKFLOW_BUNDLE_PATH).toBeUndefined();
    expect(validateEnvironment({ ...good, WORKFLOW_BUNDLE_PATH: '' }).WORKFLOW_BUNDLE_PATH).toBeUndefined();
    expect(validateEnvironment({ ...good, WORKFLOW_BUNDLE_PATH: bundle }).WORKFLOW_BUNDLE_PATH).toBe(bundle);
    expect(() => validateEnvironment({ ...good, WORKFLOW_BUNDLE_PATH: `${bundle}.missing` })).toThrow(
      /WORKFLOW_BUNDLE_PATH: .*does not exist/,
    );
  });

  it('reads TEMPORAL_UI_URL as an http(s) URL, unset when empty', () => {
    expect(validateEnvironment(good).TEMPORAL_UI_URL).toBeUndefined();
    expect(validateEnvironment({ ...good, TEMPORAL_UI_URL: '' }).TEMPORAL_UI_URL).toBeUndefined();
    expect(validateEnvironment({ ...good, TEMPORAL_UI_URL: 'http://127.0.0.1:8233' }).TEMPORAL_UI_URL).toBe(
      'http://127.0.0.1:8233',
    );
    expect(() => validateEnvironment({ ...good, TEMPORAL_UI_URL: 'see your deployment' })).toThrow(
      /TEMPORAL_UI_URL: .*http/,
    );
  });
});

describe('validateEnvironment: Temporal TLS', () => {
  const good = {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ngk',
    TEMPORAL_ADDRESS: 'temporal.example:7233',
  };
  let dir: string;
  let cert: string;
  let key: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ngk-env-tls-'));
    cert = path.join(dir, 'client.pem');
    key = path.join(dir, 'client.key');
    fs.writeFileSync(cert, 'certificate');
    fs.writeFileSync(key, 'key');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('leaves TLS off when nothing asks for it, and treats empty variables as unset', () => {
    const env = validateEnvironment({
      ...good,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: '',
      TEMPORAL_API_KEY: '',
      TEMPORAL_TLS: '',
    });
    expect(env.TEMPORAL_TLS).toBeUndefined();
    expect(env.TEMPORAL_TLS_SERVER_CA_CERT_PATH).toBeUndefined();
    expect(env.TEMPORAL_API_KEY).toBeUndefined();
  });

  it('reads TEMPORAL_TLS as true or false, and names anything else', () => {
    expect(validateEnvironment({ ...good, TEMPORAL_TLS: 'true' }).TEMPORAL_TLS).toBe(true);
    expect(validateEnvironment({ ...good, TEMPORAL_TLS: '1' }).TEMPORAL_TLS).toBe(true);
    expect(validateEnvironment({ ...good, TEMPORAL_TLS: 'FALSE' }).TEMPORAL_TLS).toBe(false);
    expect(() => validateEnvironment({ ...good, TEMPORAL_TLS: 'yes please' })).toThrow(
      /TEMPORAL_TLS: TEMPORAL_TLS must be true or false/,
    );
  });

  it('accepts a client certificate with its key, a CA and a server name', () => {
    const env = validateEnvironment({
      ...good,
      TEMPORAL_TLS_CLIENT_CERT_PATH: cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: key,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: cert,
      TEMPORAL_TLS_SERVER_NAME: 'frontend.temporal.internal',
      TEMPORAL_API_KEY: 'secret',
    });
    expect(env).toMatchObject({
      TEMPORAL_TLS_CLIENT_CERT_PATH: cert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: key,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: cert,
    });
  });

  it('names a file that does not exist or is not a file', () => {
    const missing = path.join(dir, 'nowhere.pem');
    expect(() => validateEnvironment({ ...good, TEMPORAL_TLS_SERVER_CA_CERT_PATH: missing })).toThrow(
      new RegExp(
        `TEMPORAL_TLS_SERVER_CA_CERT_PATH: TEMPORAL_TLS_SERVER_CA_CERT_PATH must name a readable file: ${missing} does not exist`,
      ),
    );
    expect(() =>
      validateEnvironment({ ...good, TEMPORAL_TLS_CLIENT_CERT_PATH: dir, TEMPORAL_TLS_CLIENT_KEY_PATH: key }),
    ).toThrow(/TEMPORAL_TLS_CLIENT_CERT_PATH: .*is not a file/);
  });

  it('wants the certificate and its key together', () => {
    expect(() => validateEnvironment({ ...good, TEMPORAL_TLS_CLIENT_CERT_PATH: cert })).toThrow(
      /TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH: .*set both, or neither/,
    );
    expect(() => validateEnvironment({ ...good, TEMPORAL_TLS_CLIENT_KEY_PATH: key })).toThrow(
      /set both, or neither/,
    );
  });

  it('refuses TEMPORAL_TLS=false beside settings that need TLS, an API key among them', () => {
    expect(() =>
      validateEnvironment({
        ...good,
        TEMPORAL_TLS: 'false',
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: cert,
        TEMPORAL_API_KEY: 'k',
      }),
    ).toThrow(
      /TEMPORAL_TLS: false turns TLS off, which TEMPORAL_TLS_SERVER_CA_CERT_PATH, TEMPORAL_API_KEY need/,
    );
  });
});
