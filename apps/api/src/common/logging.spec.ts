import pino from 'pino';
import { Writable } from 'node:stream';
import { DEMO_PASSWORD } from '@ngk/persistence';
import { apiLoggerParams, LOG_REDACTIONS } from './logging';

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
