import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { DataSource } from 'typeorm';

const PROBE_TIMEOUT_MS = 2000;

/**
 * PostgreSQL is up when it answers `SELECT 1` within the probe timeout. Terminus' own TypeORM check
 * reports a refused connection as "down" with no reason; this one says what the driver said.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return indicator.up();
    } catch (err) {
      const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
      return indicator.down({ message: reason || 'no connection' });
    } finally {
      clearTimeout(timer);
    }
  }
}
