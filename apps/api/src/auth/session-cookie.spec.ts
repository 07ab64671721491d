import type { Request, Response } from 'express';
import { clearRefreshCookie, refreshCookie, setRefreshCookie } from './session-cookie';

const TOKEN = 'A'.repeat(42) + 'b';
const req = (headers: Record<string, string>, secure = false) =>
  ({
    headers,
    secure,
    get: (name: string) => headers[name.toLowerCase()],
  }) as unknown as Request;

describe('the refresh cookie', () => {
  it('is read from among other cookies, and only when it has the shape the API issues', () => {
    expect(refreshCookie(req({ cookie: `a=1; ngk_refresh=${TOKEN}; b=2` }))).toBe(TOKEN);
    expect(refreshCookie(req({ cookie: 'ngk_refresh=short' }))).toBeNull();
    expect(refreshCookie(req({ cookie: `ngk_refresh=${TOKEN}x` }))).toBeNull();
    expect(refreshCookie(req({ cookie: `xngk_refresh=${TOKEN}` }))).toBeNull();
    expect(refreshCookie(req({}))).toBeNull();
  });

  it('is httpOnly, SameSite=Strict, scoped to /api/auth, and Secure over HTTPS or behind an HTTPS proxy', () => {
    const set = (request: Request) => {
      const res = { cookie: jest.fn(), clearCookie: jest.fn() };
      setRefreshCookie(request, res as unknown as Response, TOKEN, 600);
      clearRefreshCookie(request, res as unknown as Response);
      return { set: res.cookie.mock.calls[0], cleared: res.clearCookie.mock.calls[0] };
    };
    const plain = set(req({}));
    expect(plain.set).toEqual([
      'ngk_refresh',
      TOKEN,
      { httpOnly: true, secure: false, sameSite: 'strict', path: '/api/auth', maxAge: 600_000 },
    ]);
    expect(plain.cleared[1]).toMatchObject({ path: '/api/auth', httpOnly: true });
    expect(set(req({}, true)).set[2].secure).toBe(true);
    expect(set(req({ 'x-forwarded-proto': 'https, http' })).set[2].secure).toBe(true);
  });
});
