import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { API_METRICS } from './metrics.tokens';
import type { ApiMetrics } from './api-metrics';
import { ReadModelMetrics } from './read-model.metrics';

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(API_METRICS) private readonly metrics: ApiMetrics,
    private readonly readModel: ReadModelMetrics,
  ) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'Prometheus metrics: HTTP latency by route, process, and the read model (open, overdue, escalated, email pending)',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format', schema: { type: 'string' } })
  @ApiResponse({ status: 401, description: 'METRICS_TOKEN is set and the Bearer token is not it' })
  @ApiResponse({ status: 403, description: 'METRICS_TOKEN is unset and the caller is not on this machine' })
  async scrape(): Promise<string> {
    await this.readModel.refresh(this.metrics);
    return this.metrics.registry.metrics();
  }
}
