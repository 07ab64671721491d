import {
  BadRequestException,
  UnprocessableEntityException,
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type ValidationError,
} from '@nestjs/common';

export interface FieldError {
  field: string;
  reason: string;
}

/**
 * Flattens nested class-validator errors into one `field.path: reason` pair per field. class-validator
 * checks a property's rules from the bottom decorator up, so the last reason is the top decorator's:
 * the basic rule (present, of the right type) that the finer ones below it (length, format) assume.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const reasons = Object.values(e.constraints ?? {});
    const own = reasons.length > 0 ? [{ field, reason: reasons[reasons.length - 1] }] : [];
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** Bodies and queries: unknown fields refused, types converted, every bad field named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Every rule runs; flattenValidationErrors reports the one that matters per field.
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalidFields(flattenValidationErrors(errors)),
  });
}

/** Text refused wherever it comes from, and why; checked before any validator or query sees it. */
const MALFORMED_TEXT: { found: (text: string) => boolean; reason: string }[] = [
  // PostgreSQL text cannot hold U+0000: let through, it fails the query with a 500, or, in a submission,
  // the workflow's projection, which then retries while the request waits.
  { found: (text) => text.includes('\u0000'), reason: 'must not contain the NUL character (U+0000)' },
  // Half of a UTF-16 pair is no character: validator's isEmail throws on it (a 500), and stored it would
  // silently become U+FFFD.
  {
    found: (text) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text),
    reason: 'must not contain half of a surrogate pair (U+D800 to U+DFFF alone)',
  },
];

/** Refuses malformed text in a body, a query or a path parameter, naming each field that holds it. */
export class RefuseMalformedText implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const errors = malformedFields(value, metadata.data ?? '');
    if (errors.length > 0) throw invalidFields(errors);
    return value;
  }
}

/** Each string holding malformed text, by its path; bodies nest 32 levels at most, so recursion is bounded. */
function malformedFields(value: unknown, path: string): FieldError[] {
  if (typeof value === 'string') {
    const malformed = MALFORMED_TEXT.find((m) => m.found(value));
    return malformed ? [{ field: path, reason: `${path || 'the value'} ${malformed.reason}` }] : [];
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, v]) => malformedFields(v, path ? `${path}.${key}` : key));
}

/** 400 naming each malformed field: the one shape of every malformed-request answer. */
export function invalidFields(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors,
  });
}

/** A well-formed request that refers to something that does not fit (unknown category, wrong unit kind). */
export function unprocessable(field: string, reason: string, message = reason): UnprocessableEntityException {
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message,
    errors: [{ field, reason }],
  });
}
