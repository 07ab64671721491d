import { scrapeRefusal } from './scrape-access';

describe('who may scrape /metrics', () => {
  const token = 'a-metrics-token-0123';

  it('with a token configured, wants exactly that Bearer token, from anywhere', () => {
    expect(scrapeRefusal(token, `Bearer ${token}`, '10.0.0.7')).toBeNull();
    expect(scrapeRefusal(token, undefined, '127.0.0.1')?.status).toBe(401);
    expect(scrapeRefusal(token, `Bearer ${token}x`, '127.0.0.1')?.status).toBe(401);
    expect(scrapeRefusal(token, token, '127.0.0.1')?.status).toBe(401);
  });

  it('without a token, answers this machine only', () => {
    for (const local of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(scrapeRefusal(undefined, undefined, local)).toBeNull();
    }
    expect(scrapeRefusal(undefined, undefined, '10.0.0.7')?.status).toBe(403);
    expect(scrapeRefusal(undefined, 'Bearer anything', '::ffff:192.168.1.2')?.status).toBe(403);
    expect(scrapeRefusal('', undefined, undefined)?.status).toBe(403);
  });
});
