import { validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  const good = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ngk', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

  it('accepts a complete configuration and fills defaults', () => {
    const env = validateEnvironment({ ...good, PORT: '8080' });
    expect(env.PORT).toBe(8080);
    expect(env.TEMPORAL_NAMESPACE).toBe('default');
    expect(env.TEMPORAL_TASK_QUEUE).toBe('ngk-recommendations');
    expect(env.LOG_LEVEL).toBe('info');
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
});
