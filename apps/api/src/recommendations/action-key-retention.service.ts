import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import { type PeriodicJob, runPeriodically } from '@ngk/persistence';
import { IdempotencyRepository } from './idempotency.repository';

/** A minute after the API starts, then every hour. */
const FIRST_AFTER_MS = 60_000;
const EVERY_MS = 3_600_000;
/** Records deleted in one statement, so that no deletion holds many rows at once. */
const BATCH = 5_000;

/**
 * Deletes actions' Idempotency-Keys, with the first answers kept for their retries, once they are
 * ACTION_KEY_RETENTION_DAYS old: each holds about 1.8 KiB and would otherwise stay for good. Every API
 * process does it; a record another is deleting is skipped. Runs never overlap.
 */
@Injectable()
export class ActionKeyRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ActionKeyRetention.name);
  private job?: PeriodicJob;

  constructor(
    private readonly keys: IdempotencyRepository,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.job = runPeriodically(
      async () => {
        const deleted = await this.purge();
        if (deleted > 0)
          this.logger.log(`deleted ${deleted} Idempotency-Keys of actions older than the retention`);
      },
      {
        firstAfterMs: FIRST_AFTER_MS,
        everyMs: EVERY_MS,
        // The records stay; the next run takes them.
        onError: (error) =>
          this.logger.warn(`deleting expired Idempotency-Keys failed: ${(error as Error).message}`),
      },
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  /** Deletes every expired record, in batches; how many it deleted. */
  async purge(): Promise<number> {
    const days = this.config.get('ACTION_KEY_RETENTION_DAYS', { infer: true });
    let total = 0;
    for (;;) {
      const deleted = await this.keys.deleteActionsOlderThan(days, BATCH);
      total += deleted;
      if (deleted < BATCH) return total;
    }
  }
}
