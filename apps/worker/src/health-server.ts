import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { State } from '@temporalio/worker';

/** The Temporal worker's state, or STARTING before it exists. */
export type ProbeState = State | 'STARTING';

/** What a probe path answers: live while the process runs, ready only while the worker polls. */
export function probeAnswer(
  path: string,
  state: ProbeState,
  metrics: string | null,
): { status: number; body: Record<string, unknown> } {
  const route = path.split('?')[0];
  if (route === '/health/live') return { status: 200, body: { status: 'ok', workerState: state, metrics } };
  if (route === '/health/ready') {
    const ready = state === 'RUNNING';
    return {
      status: ready ? 200 : 503,
      body: { status: ready ? 'ok' : 'unavailable', workerState: state, metrics },
    };
  }
  return { status: 404, body: { status: 'not found', paths: ['/health/live', '/health/ready'] } };
}

/**
 * The worker's probes on a plain HTTP server: a worker has no HTTP framework and needs none for two
 * paths. Unreferenced, so it never keeps a stopping worker alive.
 */
export async function startHealthServer(options: {
  host: string;
  port: number;
  state: () => ProbeState;
  metrics: string | null;
}): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((req, res) => {
    const answer =
      req.method === 'GET' || req.method === 'HEAD'
        ? probeAnswer(req.url ?? '/', options.state(), options.metrics)
        : { status: 405, body: { status: 'method not allowed' } };
    res.writeHead(answer.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  server.unref();
  return { server, port: (server.address() as AddressInfo).port };
}
