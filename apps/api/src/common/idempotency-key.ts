import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { invalidField } from './validation';

/** What a key may be: a UUID, a ULID or any short token of letters, digits and `._:-`. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's Idempotency-Key, trimmed; absent or empty is none, anything else malformed is a 400. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  const key = (Array.isArray(header) ? header.join(',') : header)?.trim();
  if (!key) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw invalidField(
      'Idempotency-Key',
      'idempotency.key-format',
      'Idempotency-Key must be 1 to 128 letters, digits or the characters . _ : -',
    );
  }
  return key;
}

/** The Idempotency-Key header, checked: `@IdempotencyKey() key: string | undefined`. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext) =>
  idempotencyKeyOf(context.switchToHttp().getRequest<Request>().headers['idempotency-key']),
);
