import { timingSafeEqual } from 'node:crypto';

/** Addresses of this machine: with no token configured, only they may scrape. */
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export type ScrapeRefusal = { status: 401 | 403; message: string } | null;

/**
 * Whether a scraper may read /metrics: with METRICS_TOKEN, the request's Bearer token must be it (401
 * otherwise); without one, the caller must be on this machine (403 otherwise), so metrics are never
 * public by default. The peer address is the socket's, not X-Forwarded-For, which a caller can forge.
 */
export function scrapeRefusal(
  token: string | undefined,
  authorization: string | undefined,
  remoteAddress: string | undefined,
): ScrapeRefusal {
  if (token) {
    const sent = Buffer.from(authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    if (sent.length === expected.length && timingSafeEqual(sent, expected)) return null;
    return { status: 401, message: 'send Authorization: Bearer <METRICS_TOKEN> to read metrics' };
  }
  if (remoteAddress && LOOPBACK.has(remoteAddress)) return null;
  return { status: 403, message: 'metrics answer only this machine unless METRICS_TOKEN is set' };
}
