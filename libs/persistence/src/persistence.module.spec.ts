import { ConfigService } from '@nestjs/config';
import type { Environment } from '@ngk/config';
import { appDataSourceOptions, POOL_IDLE_TIMEOUT_MS } from './persistence.module';

describe("the apps' pool", () => {
  const config = new ConfigService<Environment, true>({
    DATABASE_URL: 'postgres://ngk_app@localhost/ngk',
    DB_POOL_SIZE: 12,
    DB_STATEMENT_TIMEOUT_MS: 4000,
  });
  const extra = (boundStatements: boolean) =>
    (appDataSourceOptions(config, { boundStatements }) as { extra: Record<string, unknown> }).extra;

  it('keeps an idle session for minutes, where node-postgres would close it after 10 s', () => {
    expect(POOL_IDLE_TIMEOUT_MS).toBe(5 * 60_000);
    expect(extra(true)).toMatchObject({
      max: 12,
      idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
      statement_timeout: 4000,
    });
    expect(extra(false)).toMatchObject({ max: 12, idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS });
    expect(extra(false)).not.toHaveProperty('statement_timeout');
  });
});
