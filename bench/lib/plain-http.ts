import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a plain endpoint answers: its status, a JSON body and any headers beside the content type. */
export interface PlainAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * A `node:http` server on a free loopback port with no framework, for the benches' baselines over HTTP:
 * each request's body is read whole and handed to `handle`, whose answer goes back as JSON; a failure
 * answers 500 with its message.
 */
export async function startPlainHttp(
  handle: (req: IncomingMessage, body: Buffer) => Promise<PlainAnswer>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = ({ status, body, headers }: PlainAnswer) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      handle(req, Buffer.concat(chunks)).then(reply, (err: Error) =>
        reply({ status: 500, body: { message: err.message } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
