import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Duration } from '@temporalio/common';
import { NativeConnection, Worker, type State, type WorkerOptions } from '@temporalio/worker';
import * as path from 'node:path';
import {
  bindActivities,
  CadreReportActivities,
  MailActivities,
  RecommendationActivities,
  ReorganizationActivities,
  ReportActivities,
  ScMeetingActivities,
  MeetingCalendarActivities,
  SlaActivities,
} from '@ngk/activities';
import type { Environment } from '@ngk/config';
import { temporalConnectionOptionsFrom } from '@ngk/temporal';

/** Project root, the same relative place in the sources and in dist/. */
const ROOT = path.resolve(__dirname, '../../..');

/** Workflow code: a pre-built bundle when one is given, else bundled at start from the sources. */
export function workflowSource(
  bundlePath: string | undefined,
): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  if (bundlePath) return { workflowBundle: { codePath: bundlePath } };
  return {
    workflowsPath: path.join(ROOT, 'workflows'),
    bundlerOptions: {
      // The SDK evaluates every module of the bundle again for each new run, each in its own sandbox;
      // a preloaded one is evaluated once and shared. The domain rules hold no state and touch no
      // workflow API as they load, so they are shared: a start evaluates 39 modules where it did 69.
      preloadModules: [path.join(ROOT, 'libs/domain/src')],
      webpackConfigHook: (config) => {
        config.resolve = config.resolve ?? {};
        config.resolve.alias = {
          ...(config.resolve.alias as Record<string, string>),
          '@ngk/domain': path.join(ROOT, 'libs/domain/src'),
          '@ngk/definitions': path.join(ROOT, 'libs/definitions/src'),
        };
        return config;
      },
    },
  };
}

/** Runs the Temporal Worker for the life of the Nest application context. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private worker?: Worker;
  private connection?: NativeConnection;
  private running?: Promise<void>;

  constructor(
    private readonly config: ConfigService<Environment, true>,
    private readonly recommendationActivities: RecommendationActivities,
    private readonly slaActivities: SlaActivities,
    private readonly mailActivities: MailActivities,
    private readonly reportActivities: ReportActivities,
    private readonly reorganizationActivities: ReorganizationActivities,
    private readonly cadreReportActivities: CadreReportActivities,
    private readonly scMeetingActivities: ScMeetingActivities,
    private readonly meetingCalendarActivities: MeetingCalendarActivities,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect(temporalConnectionOptionsFrom(this.config));
    this.worker = await Worker.create({
      connection: this.connection,
      namespace: this.config.get('TEMPORAL_NAMESPACE', { infer: true }),
      taskQueue: this.config.get('TEMPORAL_TASK_QUEUE', { infer: true }),
      maxCachedWorkflows: this.config.get('TEMPORAL_MAX_CACHED_WORKFLOWS', { infer: true }),
      ...workerTuning(this.config),
      // Running activities get this long to finish on shutdown before they are cancelled.
      shutdownGraceTime: this.config.get('WORKER_SHUTDOWN_GRACE', { infer: true }) as Duration,
      activities: bindActivities(
        this.recommendationActivities,
        this.slaActivities,
        this.mailActivities,
        this.reportActivities,
        this.reorganizationActivities,
        this.cadreReportActivities,
        this.scMeetingActivities,
        this.meetingCalendarActivities,
      ),
      ...workflowSource(this.config.get('WORKFLOW_BUNDLE_PATH', { infer: true })),
    });
    this.running = this.worker.run();
    this.running.catch((err) => this.logger.error(`worker stopped: ${err}`));
    this.logger.log(`worker polling task queue ${this.config.get('TEMPORAL_TASK_QUEUE', { infer: true })}`);
  }

  /** Settles when the worker stops: resolves after a shutdown, rejects with the error that stopped it. */
  get finished(): Promise<void> {
    return this.running ?? Promise.reject(new Error('the worker has not started'));
  }

  /** The worker's state for the readiness probe; STARTING until it exists. */
  state(): State | 'STARTING' {
    return this.worker?.getState() ?? 'STARTING';
  }

  /** How many items the worker holds in memory now; TEMPORAL_MAX_CACHED_WORKFLOWS bounds it. */
  cachedWorkflows(): number {
    return this.worker?.getStatus().numCachedWorkflows ?? 0;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}

/** The worker tuning the environment sets; what it leaves unset keeps the SDK's default. */
export function workerTuning(config: ConfigService<Environment, true>): Partial<WorkerOptions> {
  const tuning: Partial<WorkerOptions> = {
    maxConcurrentWorkflowTaskExecutions: config.get('TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS', {
      infer: true,
    }),
    maxConcurrentLocalActivityExecutions: config.get('TEMPORAL_MAX_CONCURRENT_LOCAL_ACTIVITIES', {
      infer: true,
    }),
    maxConcurrentWorkflowTaskPolls: config.get('TEMPORAL_WORKFLOW_TASK_POLLERS', { infer: true }),
    nonStickyToStickyPollRatio: config.get('TEMPORAL_STICKY_POLL_RATIO', { infer: true }),
    workflowThreadPoolSize: config.get('TEMPORAL_WORKFLOW_THREADS', { infer: true }),
  };
  const stickySeconds = config.get('TEMPORAL_STICKY_TIMEOUT_SECONDS', { infer: true });
  if (stickySeconds !== undefined) tuning.stickyQueueScheduleToStartTimeout = `${stickySeconds}s`;
  return Object.fromEntries(Object.entries(tuning).filter(([, value]) => value !== undefined));
}
