import type { Request, Response } from 'express';

/** The refresh token's cookie: sent by the browser to /api/auth only, never readable by scripts. */
export const REFRESH_COOKIE = 'ngk_refresh';
export const REFRESH_COOKIE_PATH = '/api/auth';

/**
 * The header /api/auth/refresh requires. A page on another site can make the browser send a form post
 * with the cookie (SameSite=Strict already stops that today), but no custom header without a CORS
 * preflight, which the API refuses to other origins.
 */
export const REFRESH_HEADER = 'x-ngk-refresh';

/** HTTPS seen directly or reported by the proxy in front: a Secure cookie would never travel in plain HTTP. */
function overHttps(req: Request): boolean {
  const forwarded = req.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return req.secure || forwarded === 'https';
}

export function setRefreshCookie(req: Request, res: Response, token: string, ttlSeconds: number): void {
  res.cookie(REFRESH_COOKIE, token, {
    httpOnly: true,
    secure: overHttps(req),
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
    maxAge: ttlSeconds * 1000,
  });
}

export function clearRefreshCookie(req: Request, res: Response): void {
  res.clearCookie(REFRESH_COOKIE, {
    httpOnly: true,
    secure: overHttps(req),
    sameSite: 'strict',
    path: REFRESH_COOKIE_PATH,
  });
}

/** The refresh token the browser sent, if any (no cookie parser: this is the one cookie the API reads). */
export function refreshCookie(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) {
      const token = value.join('=');
      return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
    }
  }
  return null;
}
