import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { validateEnvironment } from '@ngk/config';
import { exitOnFailure } from './exit-on-failure';
import { startHealthServer } from './health-server';
import { workerLogger } from './logger';
import { installRuntime, sdkMetricsAddress } from './telemetry';
import { TemporalWorkerService } from './temporal-worker.service';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  const env = validateEnvironment(process.env);
  const logger = workerLogger(env);
  // Before anything connects to Temporal: the SDK builds its runtime, logs and metrics, once.
  installRuntime(env, logger);
  const metricsAddress = sdkMetricsAddress(env);
  const metrics = metricsAddress ? `http://${metricsAddress}/metrics` : null;
  if (metrics) logger.info(`worker SDK metrics on ${metrics}`);

  // Filled once the application exists; until then the probe answers STARTING.
  const started: { worker?: TemporalWorkerService } = {};
  if (env.WORKER_HEALTH_PORT !== 0) {
    const health = await startHealthServer({
      host: env.HOST,
      port: env.WORKER_HEALTH_PORT,
      state: () => started.worker?.state() ?? 'STARTING',
      metrics,
    });
    logger.info(`worker health on http://${env.HOST}:${health.port}/health/ready`);
  }

  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  const worker = app.get(TemporalWorkerService);
  started.worker = worker;
  void exitOnFailure(worker.finished, {
    log: (err) => logger.fatal({ err }, 'the Temporal worker failed; exiting'),
    stop: () => app.close(),
    exit: (code) => process.exit(code),
  });
}

bootstrap().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
