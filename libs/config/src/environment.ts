import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  type ValidationError,
} from 'class-validator';
import { IsReadableFile } from './readable-file';
import { asFlag, asList, asNumber, setVariables } from './transforms';
import { asTrustProxy, IsTrustProxy } from './trust-proxy';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['pretty', 'json'] as const;

const MAX_STATEMENT_TIMEOUT_MS = 3_600_000;

/** Every variable NGK reads. Apps refuse to start when one is missing or malformed. */
export class Environment {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL!: string;

  @Matches(/^[^\s:/]+:\d{1,5}$/, {
    message: 'TEMPORAL_ADDRESS must be host:port, for example 127.0.0.1:7233',
  })
  TEMPORAL_ADDRESS!: string;

  @IsOptional()
  @IsString()
  TEMPORAL_NAMESPACE = 'default';

  @IsOptional()
  @IsString()
  TEMPORAL_TASK_QUEUE = 'ngk-recommendations';

  /**
   * Open items the worker keeps in memory (about 0.5 MiB each); others are replayed from their short
   * history when an action or timer reaches them. The SDK's default grows with the heap limit (about
   * 2,300 on a 4 GiB heap), which would take the worker past 1 GiB. At least 1: with no cache the SDK
   * evicts a run while its local activities are still out, so no item could be submitted or acted on
   * (its workflow task fails, and Temporal refuses the Update).
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'TEMPORAL_MAX_CACHED_WORKFLOWS must be a whole number' })
  @Min(1, {
    message:
      'TEMPORAL_MAX_CACHED_WORKFLOWS must be 1 or more: every workflow task runs local activities, which need a cache',
  })
  TEMPORAL_MAX_CACHED_WORKFLOWS = 1000;

  /**
   * Worker tuning, each left to the SDK's default when unset (bench/escalation-burst measures them):
   * workflow tasks run at once (40), local activities run at once (100), workflow task pollers (10),
   * and the share of pollers on the shared queue rather than the worker's sticky one (0.2).
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS must be a whole number' })
  @IsPositive({ message: 'TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS must be 1 or more' })
  TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS?: number;

  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'TEMPORAL_MAX_CONCURRENT_LOCAL_ACTIVITIES must be a whole number' })
  @IsPositive({ message: 'TEMPORAL_MAX_CONCURRENT_LOCAL_ACTIVITIES must be 1 or more' })
  TEMPORAL_MAX_CONCURRENT_LOCAL_ACTIVITIES?: number;

  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'TEMPORAL_WORKFLOW_TASK_POLLERS must be a whole number' })
  @Min(2, { message: 'TEMPORAL_WORKFLOW_TASK_POLLERS must be 2 or more (one sticky, one shared)' })
  TEMPORAL_WORKFLOW_TASK_POLLERS?: number;

  @IsOptional()
  @Transform(asNumber)
  @IsNumber({}, { message: 'TEMPORAL_STICKY_POLL_RATIO must be a number' })
  @Min(0, { message: 'TEMPORAL_STICKY_POLL_RATIO must be between 0 and 1' })
  @Max(1, { message: 'TEMPORAL_STICKY_POLL_RATIO must be between 0 and 1' })
  TEMPORAL_STICKY_POLL_RATIO?: number;

  /**
   * Seconds a workflow task may wait on the worker's own (sticky) queue before the server moves it to the
   * shared queue (the SDK's 10 when unset). In a burst of deadlines a backlog longer than that moves
   * tasks whose items the worker has cached, each a workflow task more for the server (docs/capacity.md).
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'TEMPORAL_STICKY_TIMEOUT_SECONDS must be a whole number' })
  @Min(1, { message: 'TEMPORAL_STICKY_TIMEOUT_SECONDS must be between 1 and 3600' })
  @Max(3600, { message: 'TEMPORAL_STICKY_TIMEOUT_SECONDS must be between 1 and 3600' })
  TEMPORAL_STICKY_TIMEOUT_SECONDS?: number;

  /**
   * Threads that run workflow code (the SDK's 1 when unset). Every item's workflow turns run on them, one
   * at a time per thread. More help only a worker with cores of its own: on 2 cores shared with Temporal
   * and PostgreSQL, 2 threads made a burst of deadlines slower (docs/capacity.md).
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'TEMPORAL_WORKFLOW_THREADS must be a whole number' })
  @Min(1, { message: 'TEMPORAL_WORKFLOW_THREADS must be between 1 and 16' })
  @Max(16, { message: 'TEMPORAL_WORKFLOW_THREADS must be between 1 and 16' })
  TEMPORAL_WORKFLOW_THREADS?: number;

  /** `true`: TLS with the system's CAs. Implied by any other TLS variable or an API key; `false` refuses them. */
  @IsOptional()
  @Transform(asFlag)
  @IsBoolean({ message: 'TEMPORAL_TLS must be true or false (or 1 or 0)' })
  TEMPORAL_TLS?: boolean;

  /** PEM client certificate for mTLS; goes with TEMPORAL_TLS_CLIENT_KEY_PATH. */
  @IsOptional()
  @IsReadableFile()
  TEMPORAL_TLS_CLIENT_CERT_PATH?: string;

  /** PEM private key of the client certificate. */
  @IsOptional()
  @IsReadableFile()
  TEMPORAL_TLS_CLIENT_KEY_PATH?: string;

  /** PEM CA the server's certificate must chain to; the system's CAs when unset. */
  @IsOptional()
  @IsReadableFile()
  TEMPORAL_TLS_SERVER_CA_CERT_PATH?: string;

  /** The name the server's certificate is checked against (and sent as SNI), when not the address's host. */
  @IsOptional()
  @IsString()
  TEMPORAL_TLS_SERVER_NAME?: string;

  /** Sent as `Authorization: Bearer …` (Temporal Cloud API keys); only over TLS. */
  @IsOptional()
  @IsString()
  TEMPORAL_API_KEY?: string;

  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  HOST = '127.0.0.1';

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** `pretty` for a person at a terminal; JSON otherwise (default: pretty only on a TTY outside production). */
  @IsOptional()
  @IsIn(LOG_FORMATS, { message: `LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}` })
  LOG_FORMAT?: (typeof LOG_FORMATS)[number];

  /** When set, GET /metrics needs `Authorization: Bearer <token>`; unset, it answers loopback callers only. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** The worker's /health/live and /health/ready, on HOST; 0 turns them off. */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'WORKER_HEALTH_PORT must be a port number' })
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 8081;

  /** The worker's Temporal SDK metrics (Prometheus, at /metrics), on HOST; 0 turns them off. */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'WORKER_METRICS_PORT must be a port number' })
  @Min(0)
  @Max(65535)
  WORKER_METRICS_PORT = 9464;

  /**
   * Connections each app keeps to PostgreSQL. The worker runs up to TEMPORAL_MAX_CONCURRENT_LOCAL_ACTIVITIES
   * projections at once, each in a transaction of its own; PostgreSQL's max_connections bounds the sum
   * over every API replica and worker.
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'DB_POOL_SIZE must be a whole number' })
  @Min(2, { message: 'DB_POOL_SIZE must be at least 2' })
  @Max(500, { message: 'DB_POOL_SIZE must be at most 500' })
  DB_POOL_SIZE = 10;

  /**
   * How often the worker folds the dashboard summaries' pending rows into them. The dashboard folds before it
   * reads in any case; the worker's folds keep that fold short.
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'STATS_FOLD_INTERVAL_MS must be a whole number of milliseconds' })
  @Min(100, { message: 'STATS_FOLD_INTERVAL_MS must be at least 100' })
  @Max(3_600_000, { message: 'STATS_FOLD_INTERVAL_MS must be at most an hour (3600000)' })
  STATS_FOLD_INTERVAL_MS = 2000;

  /** How long a stopping worker lets running activities finish before cancelling them. */
  @IsOptional()
  @Matches(/^\d+(ms|s|m)$/, { message: 'WORKER_SHUTDOWN_GRACE must be a duration such as 10s, 500ms or 1m' })
  WORKER_SHUTDOWN_GRACE = '10s';

  /** The Temporal Web UI, for admins' links from an item to its workflow; the API never calls it. */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'TEMPORAL_UI_URL must be an http:// or https:// URL' })
  TEMPORAL_UI_URL?: string;

  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  /** Signs access tokens; the API refuses to start without it. At least 32 characters. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /**
   * Updates one run of an item's workflow takes before it continues as new with its state: well under
   * Temporal's limit of 2,000 distinct Updates per run, and short enough that a worker which no longer
   * holds the item replays its run quickly. That replay grows with the run, 6–8 ms an earlier action on
   * a 2-core machine: an action took 0.8 s after 100 actions and 2.0 s after 300 (docs/capacity.md, M16),
   * so 100 bounds it where 500 let it reach about 3 s. Read by the API when an item is submitted; items
   * keep the value they were submitted with.
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'WORKFLOW_UPDATES_PER_RUN must be a whole number' })
  @Min(10, { message: 'WORKFLOW_UPDATES_PER_RUN must be at least 10' })
  @Max(1500, {
    message: 'WORKFLOW_UPDATES_PER_RUN must be at most 1500 (Temporal refuses Updates past 2000)',
  })
  WORKFLOW_UPDATES_PER_RUN = 100;

  /**
   * How long an access token lasts, in seconds. Short: the web UI keeps it in memory only and renews it
   * with the refresh cookie; scripts sign in again.
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'JWT_TTL_SECONDS must be a whole number of seconds' })
  @Min(60, { message: 'JWT_TTL_SECONDS must be at least 60' })
  @Max(7 * 86_400, { message: 'JWT_TTL_SECONDS must be at most a week (604800)' })
  JWT_TTL_SECONDS = 15 * 60;

  /** How long a browser stays signed in without being used (the refresh cookie), in seconds. */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'REFRESH_TTL_SECONDS must be a whole number of seconds' })
  @Min(300, { message: 'REFRESH_TTL_SECONDS must be at least 300' })
  @Max(90 * 86_400, { message: 'REFRESH_TTL_SECONDS must be at most 90 days (7776000)' })
  REFRESH_TTL_SECONDS = 14 * 86_400;

  /** SMTP server for notification email, e.g. smtp://user:pass@mail.example:587; email is off when unset. */
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM = 'NGK <no-reply@ngk.example>';

  /** How many times an email the mail server answers "try later" (4xx) is tried before it is marked failed. */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'EMAIL_MAX_ATTEMPTS must be a whole number' })
  @Min(1, { message: 'EMAIL_MAX_ATTEMPTS must be at least 1' })
  @Max(100, { message: 'EMAIL_MAX_ATTEMPTS must be at most 100' })
  EMAIL_MAX_ATTEMPTS = 10;

  /** Origins the browser may call the API from (comma-separated); same-origin only when unset. */
  @IsOptional()
  @Transform(asList)
  @Matches(/^https?:\/\/[^/\s?#]+$/, {
    each: true,
    message:
      'CORS_ORIGINS must be origins such as https://ngk.example (scheme, host, port; no path), comma-separated',
  })
  CORS_ORIGINS: string[] = [];

  /**
   * Reverse proxies in front of the API, whose X-Forwarded-For is believed (Express's `trust proxy`): a
   * hop count, or their addresses and CIDR ranges, comma-separated. Off by default, so a client cannot
   * pick the address that sign-in limits count.
   */
  @IsOptional()
  @Transform(asTrustProxy)
  @IsTrustProxy()
  TRUST_PROXY: number | string[] = 0;

  /**
   * How long one SQL statement of the API may run, in milliseconds, before PostgreSQL cancels it and the
   * request answers 503: a slow or blocked query cannot hold a pooled connection for ever.
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'DB_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(1, { message: 'DB_STATEMENT_TIMEOUT_MS must be at least 1' })
  @Max(MAX_STATEMENT_TIMEOUT_MS, { message: 'DB_STATEMENT_TIMEOUT_MS must be at most an hour (3600000)' })
  DB_STATEMENT_TIMEOUT_MS = 5000;

  /** The same bound for a report's queries, which read every item of a quarter; at least DB_STATEMENT_TIMEOUT_MS. */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'DB_REPORT_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds' })
  @Min(1, { message: 'DB_REPORT_STATEMENT_TIMEOUT_MS must be at least 1' })
  @Max(MAX_STATEMENT_TIMEOUT_MS, {
    message: 'DB_REPORT_STATEMENT_TIMEOUT_MS must be at most an hour (3600000)',
  })
  DB_REPORT_STATEMENT_TIMEOUT_MS = 60_000;

  /** Recommendations one user may submit in a minute; past it the API answers 429 with Retry-After. */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'SUBMISSIONS_PER_USER_PER_MINUTE must be a whole number' })
  @Min(1, { message: 'SUBMISSIONS_PER_USER_PER_MINUTE must be at least 1' })
  SUBMISSIONS_PER_USER_PER_MINUTE = 10;

  /** Actions one user may take in a minute, on all items together; past it 429 with Retry-After. */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'ACTIONS_PER_USER_PER_MINUTE must be a whole number' })
  @Min(1, { message: 'ACTIONS_PER_USER_PER_MINUTE must be at least 1' })
  ACTIONS_PER_USER_PER_MINUTE = 30;

  /**
   * Days an action's Idempotency-Key and its first answer are kept. A retry within them gets that answer;
   * one after them is a new request (its workflow still knows its last 100 Update ids).
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'ACTION_KEY_RETENTION_DAYS must be a whole number of days' })
  @Min(1, { message: 'ACTION_KEY_RETENTION_DAYS must be at least 1' })
  @Max(3650, { message: 'ACTION_KEY_RETENTION_DAYS must be at most 3650' })
  ACTION_KEY_RETENTION_DAYS = 7;

  /**
   * Actions one item may take in a day (Việt Nam time), counted by its workflow; past it 429 with
   * Retry-After until midnight. Read by the API when an item is submitted, as the item's own setting.
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'ACTIONS_PER_ITEM_PER_DAY must be a whole number' })
  @Min(1, { message: 'ACTIONS_PER_ITEM_PER_DAY must be at least 1' })
  @Max(10_000, { message: 'ACTIONS_PER_ITEM_PER_DAY must be at most 10000' })
  ACTIONS_PER_ITEM_PER_DAY = 100;

  /** How often cadres report on each commune they follow: `month` or `quarter` (the province's policy). */
  @IsOptional()
  @IsIn(['month', 'quarter'], { message: 'CADRE_REPORT_PERIOD must be month or quarter' })
  CADRE_REPORT_PERIOD: 'month' | 'quarter' = 'quarter';

  /** Working days after a period's last day by which its report is due. */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'CADRE_REPORT_DUE_WORKING_DAYS must be a whole number' })
  @Min(0, { message: 'CADRE_REPORT_DUE_WORKING_DAYS must be 0 or more' })
  @Max(60, { message: 'CADRE_REPORT_DUE_WORKING_DAYS must be at most 60' })
  CADRE_REPORT_DUE_WORKING_DAYS = 5;

  /** Working days before a report's due day on which its cadre is reminded, comma-separated. */
  @IsOptional()
  @Transform(asList)
  @Matches(/^\d{1,2}$/, {
    each: true,
    message: 'CADRE_REPORT_REMINDER_DAYS must be whole numbers of working days, comma-separated (3,1)',
  })
  CADRE_REPORT_REMINDER_DAYS: string[] = ['3', '1'];

  /**
   * An item overdue at escalation level 1 for more than this many working days is proposed for the
   * Standing Committee's next meeting agenda.
   */
  @IsOptional()
  @Transform(asNumber)
  @IsInt({ message: 'AGENDA_OVERDUE_WORKING_DAYS must be a whole number of working days' })
  @Min(0, { message: 'AGENDA_OVERDUE_WORKING_DAYS must be at least 0' })
  @Max(250, { message: 'AGENDA_OVERDUE_WORKING_DAYS must be at most 250' })
  AGENDA_OVERDUE_WORKING_DAYS = 5;

  /** A workflow bundle built by `npm run build`; without it the worker bundles the workflows from source at start. */
  @IsOptional()
  @IsReadableFile()
  WORKFLOW_BUNDLE_PATH?: string;

  /**
   * Tests and demos only: how many real seconds one day lasts (2 = a working day in two seconds). Every
   * deadline, reminder and escalation runs on the shortened clock with the real calendar. Refused in
   * production.
   */
  @IsOptional()
  @Transform(asNumber)
  @IsNumber({}, { message: 'NGK_DAY_SECONDS must be a number of seconds' })
  @IsPositive({ message: 'NGK_DAY_SECONDS must be greater than 0' })
  NGK_DAY_SECONDS?: number;

  /** The real instant the shortened clock starts (default: when the process starts). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'NGK_CLOCK_EPOCH must be an ISO 8601 date-time' })
  NGK_CLOCK_EPOCH?: string;

  /** What the shortened clock reads at its start (default: the real time then). */
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'NGK_CLOCK_START must be an ISO 8601 date-time' })
  NGK_CLOCK_START?: string;
}

/** The Temporal connection settings that need TLS; the same names the temporal CLI reads. */
export const TEMPORAL_TLS_SETTINGS = [
  'TEMPORAL_TLS_CLIENT_CERT_PATH',
  'TEMPORAL_TLS_CLIENT_KEY_PATH',
  'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
  'TEMPORAL_TLS_SERVER_NAME',
  'TEMPORAL_API_KEY',
] as const;

export class EnvironmentError extends Error {}

/** Validates raw variables; the error names every bad variable and why. Used by @nestjs/config. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  // Compose passes `${VAR:-}` through as "": an empty variable keeps the setting's default.
  const env = plainToInstance(Environment, setVariables(raw), { exposeDefaultValues: true });
  const lines = errorLines(validateSync(env, { whitelist: false, skipMissingProperties: false }));
  if (env.NODE_ENV === 'production' && env.NGK_DAY_SECONDS !== undefined) {
    lines.push('  NGK_DAY_SECONDS: shortens every deadline, so it is refused when NODE_ENV is production');
  }
  if (env.NODE_ENV === 'production' && env.LOG_FORMAT === 'pretty') {
    lines.push('  LOG_FORMAT: production logs are JSON for the log pipeline, so pretty is refused');
  }
  if (env.DB_REPORT_STATEMENT_TIMEOUT_MS < env.DB_STATEMENT_TIMEOUT_MS) {
    lines.push(
      '  DB_REPORT_STATEMENT_TIMEOUT_MS: a report may take longer than other queries, so it must be at least DB_STATEMENT_TIMEOUT_MS',
    );
  }
  lines.push(...temporalTlsConflicts(env));
  return throwIfAny(lines, env);
}

/** TLS settings that contradict each other; each line names the variables. */
function temporalTlsConflicts(env: Environment): string[] {
  const lines: string[] = [];
  if (
    (env.TEMPORAL_TLS_CLIENT_CERT_PATH === undefined) !==
    (env.TEMPORAL_TLS_CLIENT_KEY_PATH === undefined)
  ) {
    lines.push(
      '  TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH: the client certificate and its key go together: set both, or neither',
    );
  }
  if (env.TEMPORAL_TLS === false) {
    const set = TEMPORAL_TLS_SETTINGS.filter((name) => env[name] !== undefined);
    if (set.length > 0) lines.push(`  TEMPORAL_TLS: false turns TLS off, which ${set.join(', ')} need`);
  }
  return lines;
}

/** One line per invalid variable: "missing" when absent, else every reason. */
export function errorLines(errors: ValidationError[]): string[] {
  return errors.map((e) => {
    const reasons = Object.values(e.constraints ?? {}).join('; ');
    return `  ${e.property}: ${e.value === undefined ? 'missing' : reasons}`;
  });
}

export function throwIfAny<T>(lines: string[], env: T): T {
  if (lines.length > 0) throw new EnvironmentError(`Invalid configuration:\n${lines.join('\n')}`);
  return env;
}
