import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/** The API in this process, configured from the environment, listening on a free loopback port. */
export async function startApi(): Promise<INestApplication> {
  const { AppModule } = await import('../../apps/api/src/app.module');
  const { configureApp } = await import('../../apps/api/src/configure-app');
  const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  return app;
}
