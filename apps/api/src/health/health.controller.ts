import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
    return this.dependencies();
  }

  /** For a liveness probe: a restart cures none of the dependencies, so none is checked. */
  @Get('live')
  @ApiOperation({ summary: 'The process answers: 200, with no dependency checked' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } })
  live() {
    return { status: 'ok' };
  }

  /** For a readiness probe: take the instance out of rotation while it cannot serve. */
  @Get('ready')
  @HealthCheck()
  @ApiOperation({ summary: 'Ready to serve: PostgreSQL and Temporal reachable, 503 otherwise (as /health)' })
  ready() {
    return this.dependencies();
  }

  private dependencies() {
    return this.health.check([
      () => this.database.isHealthy('database'),
      () => this.temporal.isHealthy('temporal'),
    ]);
  }
}
