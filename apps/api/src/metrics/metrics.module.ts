import { Module } from '@nestjs/common';
import { createApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';
import { API_METRICS } from './metrics.tokens';
import { ReadModelMetrics } from './read-model.metrics';

@Module({
  controllers: [MetricsController],
  providers: [{ provide: API_METRICS, useFactory: createApiMetrics }, ReadModelMetrics],
  exports: [API_METRICS],
})
export class MetricsModule {}
