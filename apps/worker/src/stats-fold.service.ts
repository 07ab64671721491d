import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ProjectionRepository } from '@ngk/activities';
import type { Environment } from '@ngk/config';
import { type PeriodicJob, runPeriodically } from '@ngk/persistence';

/**
 * Folds the dashboard summaries' pending rows into them every STATS_FOLD_INTERVAL_MS, so the fold the
 * dashboard runs before it reads has little left to do. A fold already under way (another worker's, or
 * the dashboard's) is not waited for: the next tick takes what it leaves. Ticks never overlap.
 */
@Injectable()
export class StatsFoldService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StatsFoldService.name);
  private job?: PeriodicJob;

  constructor(
    private readonly projection: ProjectionRepository,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.job = runPeriodically(() => this.fold(), {
      everyMs: this.config.get('STATS_FOLD_INTERVAL_MS', { infer: true }),
      // fold() logs its own failures; nothing else can throw.
      onError: () => undefined,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  /** One fold; the number of pending rows it took, or null when another fold held the lock. */
  async fold(): Promise<number | null> {
    try {
      return await this.projection.foldStats(false);
    } catch (error) {
      // The pending rows stay; the next tick, or the dashboard's own fold, takes them.
      this.logger.warn(`folding the dashboard summaries failed: ${(error as Error).message}`);
      return null;
    }
  }
}
