import {
  ConflictException,
  ForbiddenException,
  HttpException,
  HttpStatus,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import { LIFECYCLE_REFUSAL_CODES, type LifecycleRefusalCode } from '@ngk/domain';

/**
 * Stable codes of the refusals the API gives itself. Every refusal carries one as `code` beside its
 * English `message`, and every field error one beside its `reason`: clients word them in their own
 * language (the web UI's texts are in public/app/i18n/errors.{vi,en}.js). Field errors from a DTO rule
 * carry the rule's name instead (class-validator's `isNotEmpty`, `maxLength`…, or the project's own in
 * text.decorators.ts and amount.decorators.ts). A published code keeps its meaning.
 */
export const API_REFUSAL_CODES = [
  // The request as a whole.
  'validation.failed',
  'request.body-too-large',
  'request.body-not-json',
  'request.body-too-deep',
  'request.body-not-utf8',
  'request.body-unreadable',
  'text.nul-character',
  'text.lone-surrogate',
  // Signing in and access.
  'auth.sign-in-required',
  'auth.token-expired',
  'auth.token-revoked',
  'auth.wrong-credentials',
  'auth.address-throttled',
  'auth.account-locked',
  'auth.account-inactive',
  'auth.no-session',
  'auth.session-reused',
  'auth.session-ended',
  'auth.role-not-allowed',
  'auth.no-access-rule',
  'auth.metrics-token-required',
  'auth.metrics-local-only',
  'report.own-unit-only',
  'dashboard.own-unit-only',
  'reports.organization-board-only',
  'meetings.organization-board-only',
  'meeting.standing-committee-only',
  'meeting.commune-cadre-only',
  'meeting.commune-not-assigned',
  'cadre-record.organization-board-only',
  // Something named that does not exist.
  'recommendation.not-found',
  'user.not-found',
  'unit.not-found',
  'routing-rule.not-found',
  'sla-policy.not-found',
  'notification.not-found',
  'calendar-override.not-found',
  'assignment.not-found',
  'reorganization.not-found',
  'response-template.not-found',
  'cadre-report.not-found',
  'report-issue.not-found',
  'meeting.not-found',
  'cadre-record.not-found',
  // References in a request that do not fit.
  'reference.unknown-unit',
  'reference.unknown-category',
  'reference.unknown-sla-policy',
  'reference.unknown-outcome',
  'reference.unknown-district',
  'reference.unit-cannot-lead',
  'reference.locality-kind',
  'reference.followed-unit-kind',
  'reference.unit-required',
  'reference.unknown-user',
  'reference.own-parent',
  'reference.unit-ended',
  'reference.unit-not-begun',
  'reference.successor-self',
  'reference.successor-cycle',
  'reference.successor-not-in-force',
  'reference.successor-without-end',
  // The original a duplicate merges into.
  'duplicate.original-not-found',
  'duplicate.original-is-itself',
  'duplicate.original-is-duplicate',
  'duplicate.original-closed',
  // A reorganization's units and its commune file.
  'reorganization.unit-twice',
  'reorganization.lifecycle-unit',
  'reorganization.successor-ends',
  'reorganization.successor-kind',
  'reorganization.commune-only',
  'reorganization.csv-empty',
  'reorganization.csv-invalid',
  'reorganization.no-units',
  'reorganization.not-draft',
  // A cadre's periodic report and its emerging issues.
  'cadre-report.submitted',
  'cadre-report.already-submitted',
  'cadre-report.not-submitted',
  'cadre-report.visit-outside-period',
  'cadre-report.unknown-issue',
  'cadre-report.issue-in-use',
  'report-issue.already-linked',
  'report-issue.report-not-submitted',
  // Meetings and attendance.
  'meeting.unit-kind',
  'meeting.exists',
  'meeting.not-yet-held',
  'attendance.reason-required',
  'attendance.delegate-required',
  // The Standing Committee's meetings and agendas.
  'sc-meeting.not-found',
  'sc-meeting.line-not-found',
  'sc-meeting.issue-not-found',
  'sc-meeting.secretariat-only',
  'sc-meeting.frozen',
  'sc-meeting.not-frozen',
  'sc-meeting.not-yet-held',
  'sc-meeting.already-ruled',
  'sc-meeting.line-exists',
  'sc-meeting.one-subject',
  'sc-meeting.agenda-full',
  'sc-meeting.agenda-empty',
  'sc-meeting.order-mismatch',
  'sc-meeting.ruling-kind',
  'idempotency.key-reused',
  'idempotency.key-format',
  'user.username-taken',
  'user.last-admin',
  'assignment.overlap',
  'assignment.not-a-cadre',
  'assignment.not-assigned',
  'assignment.handover-in-future',
  'code.taken',
  'response-template.name-taken',
  // Ranges and dates.
  'range.end-before-start',
  'range.too-long',
  'range.validity-end-before-start',
  'range.move-before-unit',
  'range.move-in-future',
  'range.effective-before-decision',
  'calendar.already-working-day',
  'report.unit-or-district',
  'list.unknown-cursor',
  'list.needs-own-unit',
  'notifications.preferences-empty',
  // Limits a user meets.
  'submission.rate-limited',
  'action.rate-limited',
  // The service.
  'database.unavailable',
  'database.query-timeout',
  'temporal.unavailable',
  'workflow.not-ready',
  // By status, for refusals raised outside the API's own code (the router's 404, the throttler's 429).
  'request.invalid',
  'request.forbidden',
  'request.not-found',
  'request.conflict',
  'request.too-large',
  'request.unprocessable',
  'request.throttled',
  'request.failed',
  // A field error that came without a code of its own.
  'invalid',
] as const;
export type ApiRefusalCode = (typeof API_REFUSAL_CODES)[number];

/** Every code a refusal's top level or a field error may carry, besides a DTO rule's name. */
export type RefusalCode = ApiRefusalCode | LifecycleRefusalCode;
export const REFUSAL_CODES: readonly RefusalCode[] = [...API_REFUSAL_CODES, ...LIFECYCLE_REFUSAL_CODES];

/** The code of a refusal that came without one, by its HTTP status. */
export function codeForStatus(status: number): ApiRefusalCode {
  const byStatus: Record<number, ApiRefusalCode> = {
    400: 'request.invalid',
    401: 'auth.sign-in-required',
    403: 'request.forbidden',
    404: 'request.not-found',
    409: 'request.conflict',
    413: 'request.too-large',
    422: 'request.unprocessable',
    429: 'request.throttled',
    503: 'database.unavailable',
  };
  return byStatus[status] ?? 'request.failed';
}

export function notFound(code: RefusalCode, message: string): NotFoundException {
  return new NotFoundException({ statusCode: 404, error: 'Not Found', message, code });
}

/** A 409; with a field, the form shows the refusal under that field as well. */
export function conflict(code: RefusalCode, message: string, field?: string): ConflictException {
  return new ConflictException({
    statusCode: 409,
    error: 'Conflict',
    message,
    code,
    ...(field ? { errors: [{ field, code, reason: message }] } : {}),
  });
}

export function forbidden(code: RefusalCode, message: string): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Forbidden', message, code });
}

export function unauthorized(code: RefusalCode, message: string): UnauthorizedException {
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message, code });
}

/** A 429 that says when to try again; the error filter sends `retryAfterSeconds` as Retry-After. */
export class RetryLaterException extends HttpException {
  constructor(
    body: Record<string, unknown>,
    readonly retryAfterSeconds: number,
  ) {
    super(body, HttpStatus.TOO_MANY_REQUESTS);
  }
}

export function tooManyRequests(
  code: RefusalCode,
  message: string,
  retryAfterSeconds: number,
): RetryLaterException {
  return new RetryLaterException(
    { statusCode: 429, error: 'Too Many Requests', message, code },
    retryAfterSeconds,
  );
}
