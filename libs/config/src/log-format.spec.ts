import { logTransport, prettyLogs } from './log-format';

describe('log format', () => {
  it('is pretty on a terminal and JSON when piped, unless LOG_FORMAT says otherwise', () => {
    expect(prettyLogs({}, true)).toBe(true);
    expect(prettyLogs({}, false)).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'json' }, true)).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'pretty' }, false)).toBe(true);
  });

  it('stays JSON in production and starts no transport when nothing is logged', () => {
    expect(prettyLogs({ NODE_ENV: 'production' }, true)).toBe(false);
    expect(prettyLogs({ LOG_LEVEL: 'silent', LOG_FORMAT: 'pretty' }, true)).toBe(false);
    expect(logTransport({ LOG_FORMAT: 'json' }, true)).toBeUndefined();
  });

  it('hands pretty lines to pino-pretty', () => {
    expect(logTransport({ LOG_FORMAT: 'pretty' }, false)).toMatchObject({
      target: expect.stringContaining('pino-pretty'),
    });
  });
});
