/**
 * Why the mail server did not take an email, and what to do about it:
 * - `permanent`: it answered 5xx (no such mailbox, refused): trying again gives the same answer;
 * - `later`: it answered 4xx (mailbox busy, greylisting): worth another try, up to a cap;
 * - `unreachable`: no SMTP answer at all (connection refused, timeout): the next emails would meet the
 *   same outage, so the attempt stops there and retries as a whole.
 */
export interface Refusal {
  kind: 'permanent' | 'later' | 'unreachable';
  reason: string;
}

/** Reasons are kept in the notification row and shown to its reader: bounded. */
const REASON_MAX = 500;

export function refusalOf(err: unknown): Refusal {
  const e = (err ?? {}) as { responseCode?: unknown; response?: unknown; message?: unknown; code?: unknown };
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  const said = typeof e.response === 'string' && e.response ? e.response : String(e.message ?? err);
  const reason = (code !== null || typeof e.code !== 'string' ? said : `${e.code}: ${said}`)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, REASON_MAX);
  if (code !== null && code >= 500 && code < 600) return { kind: 'permanent', reason };
  if (code !== null && code >= 400 && code < 500) return { kind: 'later', reason };
  return { kind: 'unreachable', reason };
}
