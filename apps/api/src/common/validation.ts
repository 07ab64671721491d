import {
  BadRequestException,
  UnprocessableEntityException,
  ValidationPipe,
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
