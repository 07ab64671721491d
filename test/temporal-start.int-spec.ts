import { freePort } from '../scripts/lib/free-port';
import { startTemporalDevServer, waitForNamespace } from '../scripts/lib/temporal-server';

/**
 * Readiness of a Temporal server that comes up late, as one restarted on a busy machine does: the wait
 * that `npm run up`, the tests' restarts and the real server's start share keeps trying until its own
 * deadline, the first connection included, instead of failing after the client's default 10 s.
 */
describe('waiting for a Temporal server that is slow to come up', () => {
  it('connects within its own deadline when the server starts after the client default of 10 s', async () => {
    const port = await freePort();
    const outcome = waitForNamespace(`127.0.0.1:${port}`, 'default', 90_000).then(
      () => 'ready',
      (err: Error) => err.message,
    );
    await new Promise((r) => setTimeout(r, 12_000));
    const server = await startTemporalDevServer({ port, log: () => undefined });
    try {
      expect(await outcome).toBe('ready');
    } finally {
      await server.stop();
    }
  }, 150_000);
});
