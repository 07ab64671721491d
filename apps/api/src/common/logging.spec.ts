import pino from 'pino';
import { Writable } from 'node:stream';
import { DEMO_PASSWORD } from '@ngk/persistence';
import { apiLoggerParams, LOG_REDACTIONS, requestIdFrom } from './logging';

describe('API logs', () => {
  it('never write a token, a cookie or a password', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = pino({ redact: { paths: LOG_REDACTIONS, censor: '[redacted]' } }, sink);
    logger.info(
      {
        req: {
          id: 'req-1',
          headers: { authorization: 'Bearer eyJhbGciOi.secret.token', cookie: 'sid=abc' },
          body: { username: 'officer.dot', password: DEMO_PASSWORD },
        },
        res: { body: { accessToken: 'eyJhbGciOi.secret.token' } },
      },
      'request completed',
    );
    const line = lines.join('');
    expect(line).toContain('req-1');
    expect(line).toContain('officer.dot');
    expect(line).not.toMatch(/secret\.token|sid=abc/);
    expect(line).not.toContain(DEMO_PASSWORD);
    expect(line.match(/\[redacted\]/g)).toHaveLength(4);
  });
});

describe('request logging', () => {
  it('leaves probes and scrapes out, with or without a query string', () => {
    const ignore = (
      apiLoggerParams({ LOG_LEVEL: 'info' }).pinoHttp as { autoLogging: { ignore: (r: object) => boolean } }
    ).autoLogging.ignore;
    for (const url of ['/health', '/health/live', '/health/ready?x=1', '/metrics']) {
      expect(ignore({ url })).toBe(true);
    }
    expect(ignore({ url: '/api/units' })).toBe(false);
  });
});

describe('request ids', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it("keep a caller's short, plain id", () => {
    for (const id of ['a', 'req-1', 'Trace_01.abc', 'x'.repeat(64)]) expect(requestIdFrom(id)).toBe(id);
  });

  it('replace a missing, long, repeated or unusual one with a new UUID', () => {
    for (const id of [undefined, '', 'x'.repeat(65), 'a b', 'a/b', 'id\nforged: 1', 'ý', ['a', 'b']]) {
      expect(requestIdFrom(id)).toMatch(uuid);
    }
  });
});
