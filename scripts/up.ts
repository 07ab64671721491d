import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { prettyLogs } from '@ngk/config';
import { DEMO_PASSWORD } from '@ngk/persistence';
import { searchAttributeRegistrations } from '@ngk/temporal';
import { cacheDir } from './lib/cache-dir';
import { submitDemoRecommendations } from './lib/demo-data';
import { applyDemoReorganizations, demoAccountLines } from './lib/demo-reorganizations';
import { openDemoReportPeriod } from './lib/demo-reports';
import { answerForSilentFeedback, demoState, resetFastDemo } from './lib/fast-demo';
import { migrateDatabase } from './lib/database';
import { preferPort } from './lib/free-port';
import { stopChild } from './lib/stop-child';
import { provideDatabase, providePostgres } from './lib/postgres';
import { provideTemporal } from './lib/temporal';

const DIST = path.resolve(__dirname, '..');

/**
 * The demo's database and Temporal state are named after this generation. It never moves again: a
 * workflow change keeps the items a previous `up` left running, with `patched()`, as every release must
 * (README, "Releases and upgrades").
 */
const DEMO_GENERATION = 4;
const log = (line: string) => console.log(`[up] ${line}`);

/** `npm run up`: PostgreSQL, migrations and demo data, Temporal, the worker and the API; Ctrl-C stops all. */
async function main(): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    for (const stop of stops.reverse()) await stop().catch((err) => log(`while stopping: ${err}`));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const postgres = await providePostgres(log);
    stops.push(() => postgres.stop());
    const state = demoState(DEMO_GENERATION, process.env);
    const stateDir = path.join(cacheDir(), 'temporal-state');
    if (state.fast) {
      await resetFastDemo(state, postgres.adminUrl, stateDir, {
        ownDatabase: !process.env.DATABASE_URL,
        ownTemporal: !process.env.TEMPORAL_ADDRESS,
      });
      log(
        `fast clock: a fresh demo of its own (${state.database}, ${state.temporal}); the normal demo is untouched`,
      );
      if (process.env.DATABASE_URL || process.env.TEMPORAL_ADDRESS) {
        log(
          'fast clock: DATABASE_URL or TEMPORAL_ADDRESS is set, so items already there keep their deadlines',
        );
      }
    }
    // Migrations run as the owner; the apps sign in as a role of their own, as in production.
    const urls = process.env.DATABASE_URL
      ? { owner: process.env.DATABASE_MIGRATION_URL!, app: process.env.DATABASE_URL }
      : await provideDatabase(postgres, state.database);
    const databaseUrl = urls.app;
    log(`PostgreSQL: ${redact(databaseUrl)} (${postgres.source})`);
    const migrated = await migrateDatabase(urls, { seed: true, demo: true });
    log(`migrations: ${migrated.applied.length ? migrated.applied.join(', ') : 'up to date'}`);
    log(`apps' role: ${migrated.appRole.name}; migrations ran as ${new URL(urls.owner).username}`);
    log(`reference data and demo accounts: ${JSON.stringify(migrated.seed)}`);

    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    // The apps get a URL or nothing (they validate it); the banner explains an absent one.
    let temporalUi = process.env.TEMPORAL_UI_URL ?? '';
    let noTemporalUi = '(see your Temporal deployment)';
    if (!temporalAddress) {
      // NGK_TEMPORAL=server: the real server, its state in the databases temporal and temporal_visibility.
      const server = await provideTemporal({
        postgresAdminUrl: postgres.adminUrl,
        name: state.temporal,
        stateDir,
        keepState: true,
        port: await preferPort(7233),
        uiPort: await preferPort(8233),
        searchAttributes: searchAttributeRegistrations(),
        logFile: path.join(cacheDir(), 'logs', 'temporal.log'),
        log,
      });
      stops.push(() => server.stop());
      temporalAddress = server.address;
      temporalUi = server.uiUrl;
      noTemporalUi = 'none with the real server (run temporalio/ui against it)';
    }
    log(`Temporal: ${temporalAddress}${process.env.NGK_TEMPORAL === 'server' ? ' (the real server)' : ''}`);

    const port = Number(process.env.PORT ?? (await preferPort(3000)));
    const workerHealthPort = Number(process.env.WORKER_HEALTH_PORT ?? (await preferPort(8081)));
    const workerMetricsPort = Number(process.env.WORKER_METRICS_PORT ?? (await preferPort(9464)));
    // The apps never see the owner's URL.
    const { DATABASE_MIGRATION_URL: _owner, ...host } = process.env;
    const env = {
      ...host,
      WORKER_HEALTH_PORT: String(workerHealthPort),
      WORKER_METRICS_PORT: String(workerMetricsPort),
      // The apps write to pipes read here; their lines are readable when this terminal is a person's.
      ...(process.env.LOG_FORMAT === undefined && prettyLogs(process.env, process.stdout.isTTY === true)
        ? { LOG_FORMAT: 'pretty', ...(process.env.NO_COLOR ? {} : { FORCE_COLOR: '1' }) }
        : {}),
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_UI_URL: temporalUi,
      PORT: String(port),
      JWT_SECRET: process.env.JWT_SECRET ?? signingSecret(),
      WORKFLOW_BUNDLE_PATH: process.env.WORKFLOW_BUNDLE_PATH ?? path.join(DIST, 'workflow-bundle.js'),
      // A shortened clock (NGK_DAY_SECONDS) starts now, the same for the worker and the API.
      ...(process.env.NGK_DAY_SECONDS
        ? { NGK_CLOCK_EPOCH: process.env.NGK_CLOCK_EPOCH ?? new Date().toISOString() }
        : {}),
    };
    const clock = state.fast
      ? `FAST: one day lasts ${process.env.NGK_DAY_SECONDS} s (NGK_DAY_SECONDS), on a demo of its own started afresh;
                   reminders, level 1, level 2 and a silent feedback window within a minute`
      : 'real time, working days of the Vietnamese calendar (NGK_DAY_SECONDS=2 npm run up: a fast demo of its own)';
    const worker = startApp('worker', path.join(DIST, 'apps/worker/src/main.js'), env, () => void stopAll(1));
    stops.push(() => stopChild(worker));
    const api = startApp('api', path.join(DIST, 'apps/api/src/main.js'), env, () => void stopAll(1));
    stops.push(() => stopChild(api));

    const base = `http://127.0.0.1:${port}`;
    await waitForHealth(`${base}/health`, 120_000);
    const demo = await submitDemoRecommendations(base, log);
    if (state.fast) {
      await answerForSilentFeedback(base, demo.propaganda, 'officer.propaganda');
      log(
        `demo: "${demo.propaganda.title}" answered at once; its cadre's feedback window will pass in silence`,
      );
    }
    // The items were raised under the article's 2024 units; the 2025 reorganization moves them on.
    await applyDemoReorganizations(base, log);
    // On a Temporal of our own (plaintext, local); a deployment's opens its periods by its Schedule.
    if (!process.env.TEMPORAL_ADDRESS) await openDemoReportPeriod(base, temporalAddress!, log);
    const edition = (await (await fetch(`${base}/api/reference-data/edition`)).json()) as {
      province: { nameEn: string } | null;
      since: string | null;
      demo: boolean;
    };
    console.log(`
NGK is up.
  Web UI           ${base}/
  API              ${base}/api
  OpenAPI docs     ${base}/api/docs
  Health           ${base}/health (probes: /health/live, /health/ready)
  Metrics          ${base}/metrics${process.env.METRICS_TOKEN ? ' (Bearer METRICS_TOKEN)' : ' (this machine only)'}
  Worker           ${workerHealthPort ? `http://127.0.0.1:${workerHealthPort}/health/ready` : 'probes off'}, SDK metrics ${workerMetricsPort ? `http://127.0.0.1:${workerMetricsPort}/metrics` : 'off'}
  Temporal Web UI  ${temporalUi || noTemporalUi}
  SLA clock        ${clock}
  Data             ${edition.province?.nameEn ?? 'no province'}, units as organized since ${edition.since}${edition.demo ? ' (demo: names marked "tên minh họa" are illustrative)' : ''}
  Demo state       database ${redact(databaseUrl)}, Temporal ${state.temporal}

Demo accounts (password ${DEMO_PASSWORD}; POST /api/auth/login answers a Bearer token):
${(await demoAccountLines(base)).join('\n')}

Press Ctrl-C to stop everything started here.`);
  } catch (err) {
    console.error(`[up] failed: ${err instanceof Error ? err.message : err}`);
    await stopAll(1);
  }
}

/** The demo's token-signing secret, kept in the user cache so sign-ins survive a restart of `up`. */
function signingSecret(): string {
  const file = path.join(cacheDir(), 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

function startApp(name: string, entry: string, env: NodeJS.ProcessEnv, onCrash: () => void): ChildProcess {
  const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
  child.once('exit', (code, signal) => {
    if (signal === 'SIGTERM' || signal === 'SIGINT') return;
    console.error(`[up] ${name} exited (${signal ?? `code ${code}`})`);
    onCrash();
  });
  return child;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms: ${last}`);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

void main();
