import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  const good = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ngk', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

  it('accepts a complete configuration and fills defaults', () => {
    const env = validateEnvironment({ ...good, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.TEMPORAL_NAMESPACE).toBe('default');
    expect(env.TEMPORAL_TASK_QUEUE).toBe('ngk-recommendations');
    expect(env.LOG_LEVEL).toBe('info');
    expect(env.TEMPORAL_MAX_CACHED_WORKFLOWS).toBe(1000);
  });

  it('bounds the worker cache with a whole number, 0 meaning none', () => {
    expect(
      validateEnvironment({ ...good, TEMPORAL_MAX_CACHED_WORKFLOWS: '0' }).TEMPORAL_MAX_CACHED_WORKFLOWS,
    ).toBe(0);
    expect(() => validateEnvironment({ ...good, TEMPORAL_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(
      /TEMPORAL_MAX_CACHED_WORKFLOWS: .*0 \(no cache\) or more/,
    );
    expect(() => validateEnvironment({ ...good, TEMPORAL_MAX_CACHED_WORKFLOWS: 'many' })).toThrow(
      /TEMPORAL_MAX_CACHED_WORKFLOWS: .*whole number/,
    );
  });

  it('names every missing variable', () => {
    expect(() => validateEnvironment({})).toThrow(/DATABASE_URL: missing[\s\S]*TEMPORAL_ADDRESS: missing/);
  });

  it('names a malformed variable and the reason', () => {
    expect(() => validateEnvironment({ ...good, TEMPORAL_ADDRESS: 'localhost' })).toThrow(
      /TEMPORAL_ADDRESS: TEMPORAL_ADDRESS must be host:port/,
    );
    expect(() => validateEnvironment({ ...good, PORT: 'eighty' })).toThrow(/PORT: .*PORT must be an integer/);
    expect(() => validateEnvironment({ ...good, LOG_LEVEL: 'loud' })).toThrow(
      /LOG_LEVEL: LOG_LEVEL must be one of/,
    );
  });

  it('accepts a shortened clock for tests and demos, and refuses it in production', () => {
    expect(validateEnvironment({ ...good, NGK_DAY_SECONDS: '2' }).NGK_DAY_SECONDS).toBe(2);
    expect(() => validateEnvironment({ ...good, NGK_DAY_SECONDS: '0' })).toThrow(
      /NGK_DAY_SECONDS: .*greater than 0/,
    );
    expect(() => validateEnvironment({ ...good, NGK_DAY_SECONDS: 'fast' })).toThrow(
      /NGK_DAY_SECONDS: .*number/,
    );
    expect(() => validateEnvironment({ ...good, NODE_ENV: 'production', NGK_DAY_SECONDS: '2' })).toThrow(
      /NGK_DAY_SECONDS: .*refused when NODE_ENV is production/,
    );
    expect(() => validateEnvironment({ ...good, NGK_CLOCK_START: 'monday' })).toThrow(
      /NGK_CLOCK_START: .*ISO 8601/,
    );
  });
});
