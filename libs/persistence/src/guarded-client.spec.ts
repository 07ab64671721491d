import { GuardedClient } from './guarded-client';
import { dataSourceOptions } from './data-source';

describe('the pool connections of the apps', () => {
  it('are GuardedClients, whatever pool settings a caller adds', () => {
    const options = dataSourceOptions('postgres://ngk@127.0.0.1:5432/ngk', {
      extra: { max: 3, statement_timeout: 5000 },
    }) as unknown as { extra: Record<string, unknown> };
    expect(options.extra).toMatchObject({ max: 3, statement_timeout: 5000, application_name: 'ngk' });
    expect(options.extra.Client).toBe(GuardedClient);
  });

  it('never leave an error unhandled, in whatever hands they are', () => {
    const client = new GuardedClient({ connectionString: 'postgres://ngk@127.0.0.1:1/ngk' });
    // What a server shutting down sends while no query runs: without a listener, `emit` throws.
    expect(() =>
      client.emit('error', new Error('terminating connection due to administrator command')),
    ).not.toThrow();
  });
});
