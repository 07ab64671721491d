import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { createValidationPipe } from './common/validation';

/** Largest request body accepted; bigger ones get 413 before anything reads them. */
export const BODY_LIMIT = '256kb';

/** Turns body-parser failures (malformed JSON, oversized body) into 400/413 answers without a stack. */
function bodyParserErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const failure = err as { type?: string; status?: number; limit?: number };
  if (!failure?.type || !failure.status || failure.status >= 500) return next(err);
  const tooLarge = failure.type === 'entity.too.large';
  res.status(tooLarge ? 413 : 400).json({
    statusCode: tooLarge ? 413 : 400,
    error: tooLarge ? 'Payload Too Large' : 'Bad Request',
    message: tooLarge
      ? `the request body is larger than ${BODY_LIMIT}`
      : failure.type === 'entity.parse.failed'
        ? 'the request body is not valid JSON'
        : 'the request body cannot be read',
  });
}

/** Everything main.ts and the tests both need, so tests exercise the application as it ships. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  // Security headers, a CSP that allows no inline script, and only the origins configured for CORS.
  app.use(helmet());
  const origins = (process.env.CORS_ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  app.enableCors({ origin: origins.length > 0 ? origins : false, credentials: false });
  // Requests are small: a submission is text and links, never files.
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  // A body that cannot be read is the client's error: answer it here, before routing, in the API's shape.
  express.use(bodyParserErrors);
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('NGK API')
      .setDescription(
        'Nắm · Góp · Kiểm: recommendations from provincial cadres, routed, tracked and verified',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
