import {
  BadRequestException,
  UnprocessableEntityException,
  ValidationPipe,
  type ArgumentMetadata,
  type PipeTransform,
  type ValidationError,
} from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import type { RefusalCode } from './error-codes';

/** One refused field: its path, the rule's stable code, the rule in English, and the rule's limits. */
export interface FieldError {
  field: string;
  /** A DTO rule's name (`isNotEmpty`, `maxLength`, `vndAmountDecimal`…) or a RefusalCode. */
  code: string;
  reason: string;
  params?: Record<string, string | number>;
}

/** The limits each rule is given, by name, so a client can say "at most 300 characters" in its words. */
const RULE_PARAMS: Record<string, string[]> = {
  maxLength: ['max'],
  minLength: ['min'],
  max: ['max'],
  min: ['min'],
  arrayMaxSize: ['max'],
  arrayMinSize: ['min'],
  isIn: ['values'],
  inCalendarYears: ['first', 'last'],
};

/**
 * Flattens nested class-validator errors into one error per field, coded by the rule's name.
 * class-validator checks a property's rules from the bottom decorator up, so the last one listed is the
 * top decorator's: the basic rule (present, of the right type) that the finer ones below it (length,
 * format) assume.
 */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const rules = Object.entries(e.constraints ?? {});
    const last = rules[rules.length - 1];
    const own: FieldError[] = [];
    if (last) {
      const [code, reason] = last;
      const params = ruleParams(e, code);
      own.push({ field, code, reason, ...(params ? { params } : {}) });
    }
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** The limits of the rule `code` on the refused property, read from the DTO's validation metadata. */
function ruleParams(error: ValidationError, code: string): FieldError['params'] | undefined {
  const names = RULE_PARAMS[code];
  const target = error.target?.constructor;
  if (!names || !target) return undefined;
  const storage = getMetadataStorage();
  const metadata = storage
    .getTargetValidationMetadatas(target, '', true, false)
    .find(
      (m) =>
        m.propertyName === error.property &&
        storage.getTargetValidatorConstraints(m.constraintCls).some((c) => c.name === code),
    );
  if (!metadata?.constraints) return undefined;
  return Object.fromEntries(
    names.map((name, i) => {
      const value: unknown = metadata.constraints[i];
      return [name, Array.isArray(value) ? value.join(', ') : (value as string | number)];
    }),
  );
}

/** Bodies and queries: unknown fields refused, types converted, every bad field named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Every rule runs; flattenValidationErrors reports the one that matters per field.
    stopAtFirstError: false,
    // Each error keeps its DTO instance, where ruleParams finds the rule's limits; never sent as is.
    validationError: { target: true, value: false },
    exceptionFactory: (errors) => invalidFields(flattenValidationErrors(errors)),
  });
}

/** Text refused wherever it comes from, and why; checked before any validator or query sees it. */
const MALFORMED_TEXT: { found: (text: string) => boolean; code: RefusalCode; reason: string }[] = [
  // PostgreSQL text cannot hold U+0000: let through, it fails the query with a 500, or, in a submission,
  // the workflow's projection, which then retries while the request waits.
  {
    found: (text) => text.includes('\u0000'),
    code: 'text.nul-character',
    reason: 'must not contain the NUL character (U+0000)',
  },
  // Half of a UTF-16 pair is no character: validator's isEmail throws on it (a 500), and stored it would
  // silently become U+FFFD.
  {
    found: (text) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text),
    code: 'text.lone-surrogate',
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
    return malformed
      ? [{ field: path, code: malformed.code, reason: `${path || 'the value'} ${malformed.reason}` }]
      : [];
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
    code: 'validation.failed' satisfies RefusalCode,
    errors,
  });
}

/** 400 for one field a service finds wrong (a range backwards), coded like a DTO rule's refusal. */
export function invalidField(field: string, code: RefusalCode, reason: string): BadRequestException {
  return invalidFields([{ field, code, reason }]);
}

/** A well-formed request that refers to something that does not fit (unknown category, wrong unit kind). */
export function unprocessable(
  field: string,
  code: RefusalCode,
  reason: string,
  message = reason,
): UnprocessableEntityException {
  return new UnprocessableEntityException({
    statusCode: 422,
    error: 'Unprocessable Entity',
    message,
    code,
    errors: [{ field, code, reason }],
  });
}
