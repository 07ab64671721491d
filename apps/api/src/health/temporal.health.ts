import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Connection } from '@temporalio/client';
import { TEMPORAL_CONNECTION } from '@ngk/temporal';

const PROBE_TIMEOUT_MS = 2000;

/** Temporal is up when its frontend answers GetSystemInfo within the probe timeout. */
@Injectable()
export class TemporalHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(TEMPORAL_CONNECTION) private readonly connection: Connection,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      const info = await this.connection.withDeadline(Date.now() + PROBE_TIMEOUT_MS, () =>
        this.connection.workflowService.getSystemInfo({}),
      );
      return indicator.up({ serverVersion: info.serverVersion ?? 'unknown' });
    } catch (err) {
      return indicator.down({ message: err instanceof Error ? err.message.split('\n')[0] : String(err) });
    }
  }
}
