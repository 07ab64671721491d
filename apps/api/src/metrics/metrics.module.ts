import { Module } from '@nestjs/common';
import { createApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';
import { API_METRICS } from './metrics.tokens';
import { ReadModelMetrics } from './read-model.metrics';
import { ReadModelRepository } from './read-model.repository';

@Module({
  controllers: [MetricsController],
  providers: [{ provide: API_METRICS, useFactory: createApiMetrics }, ReadModelMetrics, ReadModelRepository],
  exports: [API_METRICS],
})
export class MetricsModule {}
