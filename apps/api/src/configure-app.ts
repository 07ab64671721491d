import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { ConfigService } from '@nestjs/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import type { Environment } from '@ngk/config';
import { nestedDeeperThan } from './common/json-depth';
import type { ApiMetrics } from './metrics/api-metrics';
import { measureRequests } from './metrics/http-metrics.middleware';
import { API_METRICS } from './metrics/metrics.tokens';
import type { RefusalCode } from './common/error-codes';
import { serverTiming } from './common/server-timing';
import { createValidationPipe, RefuseMalformedText } from './common/validation';

/** Largest request body accepted; bigger ones get 413 before anything reads them. */
export const BODY_LIMIT = '256kb';
/** A commune merger file: a nation's communes, twenty thousand lines of two codes, fit with room to spare. */
export const CSV_BODY_LIMIT = '2mb';

/** Deepest nesting of arrays and objects a JSON body may have; the API's own bodies nest three at most. */
export const JSON_DEPTH_LIMIT = 32;

/** Why a body is refused, by body-parser's failure type; any other failure "cannot be read". */
const BODY_REFUSALS: Record<string, string> = {
  'entity.too.large': `the request body is larger than ${BODY_LIMIT}`,
  'entity.parse.failed': 'the request body is not valid JSON',
  'entity.too.deep': `the request body nests arrays and objects deeper than ${JSON_DEPTH_LIMIT} levels`,
  'entity.not.utf8': 'a JSON request body must be UTF-8',
};

/** The refusal's code, by the same failure type. */
const BODY_REFUSAL_CODES: Record<string, RefusalCode> = {
  'entity.too.large': 'request.body-too-large',
  'entity.parse.failed': 'request.body-not-json',
  'entity.too.deep': 'request.body-too-deep',
  'entity.not.utf8': 'request.body-not-utf8',
};

/**
 * Runs on the raw bytes before JSON.parse, so a deep body is refused before anything walks it (the
 * validation pipe and class-transformer recurse). JSON between systems is UTF-8 (RFC 8259, 8.1); the
 * depth is read from those bytes.
 */
function refuseDeepJson(_req: Request, _res: Response, body: Buffer, encoding: string): void {
  const refuse = (type: string) => Object.assign(new Error(BODY_REFUSALS[type]), { status: 400, type });
  if (encoding !== 'utf-8' && encoding !== 'utf8') throw refuse('entity.not.utf8');
  if (nestedDeeperThan(body, JSON_DEPTH_LIMIT)) throw refuse('entity.too.deep');
}

/** Turns body-parser failures (malformed or deep JSON, oversized body) into 400/413 answers without a stack. */
function bodyParserErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const failure = err as { type?: string; status?: number; limit?: number };
  if (!failure?.type || !failure.status || failure.status >= 500) return next(err);
  const tooLarge = failure.type === 'entity.too.large';
  res.status(tooLarge ? 413 : 400).json({
    statusCode: tooLarge ? 413 : 400,
    error: tooLarge ? 'Payload Too Large' : 'Bad Request',
    message: BODY_REFUSALS[failure.type] ?? 'the request body cannot be read',
    code: BODY_REFUSAL_CODES[failure.type] ?? 'request.body-unreadable',
  });
}

/** Everything main.ts and the tests both need, so tests exercise the application as it ships. */
export function configureApp(app: INestApplication): void {
  app.useLogger(app.get(Logger));
  // First, so every answer is timed, refusals before routing included.
  app.use(measureRequests(app.get<ApiMetrics>(API_METRICS).httpDuration));
  // Each answer says where its time went (Server-Timing), stage by stage.
  app.use(serverTiming());
  // Security headers, a CSP that allows no inline script, and only the origins configured for CORS.
  app.use(helmet());
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  const origins = config.get('CORS_ORIGINS', { infer: true });
  app.enableCors({ origin: origins.length > 0 ? origins : false, credentials: false });
  // Requests are small: a submission is text and links, never files.
  const express = app as NestExpressApplication;
  // The client's address behind a reverse proxy, as sign-in limits count it; off unless configured.
  express.set('trust proxy', config.get('TRUST_PROXY', { infer: true }));
  express.useBodyParser('json', { limit: BODY_LIMIT, verify: refuseDeepJson });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  // But a reorganization's commune mergers come as a CSV file, thousands of lines.
  express.useBodyParser('text', { type: 'text/csv', limit: CSV_BODY_LIMIT });
  // A body that cannot be read is the client's error: answer it here, before routing, in the API's shape.
  express.use(bodyParserErrors);
  app.useGlobalPipes(new RefuseMalformedText(), createValidationPipe());
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
      .addGlobalResponse({
        status: 503,
        description: `PostgreSQL cannot be reached right now; the body says so and Retry-After says when to try again`,
      })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}
