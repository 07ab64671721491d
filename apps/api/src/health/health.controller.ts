import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health';
import { TemporalHealthIndicator } from './temporal.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly temporal: TemporalHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'PostgreSQL and Temporal, each reported separately; 503 when either is down' })
  check() {
    return this.health.check([
      () => this.database.isHealthy('database'),
      () => this.temporal.isHealthy('temporal'),
    ]);
  }
}
