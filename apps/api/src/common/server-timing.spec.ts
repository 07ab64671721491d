import { EventEmitter } from 'node:events';
import type { NextFunction, Request, Response } from 'express';
import { measureStage, serverTiming, ServerTiming } from './server-timing';

describe('ServerTiming', () => {
  it('reports each named stage, a stage run twice as one sum, and the total last', async () => {
    const timing = new ServerTiming();
    await timing.measure('read', () => new Promise((resolve) => setTimeout(resolve, 5)));
    await timing.measure('update', async () => 'done');
    await timing.measure('read', () => new Promise((resolve) => setTimeout(resolve, 5)));
    const entries = timing.header().split(', ');
    expect(entries.map((e) => e.split(';')[0])).toEqual(['read', 'update', 'total']);
    const ms = Object.fromEntries(entries.map((e) => [e.split(';')[0], Number(e.split('dur=')[1])]));
    expect(ms.read).toBeGreaterThanOrEqual(9);
    // Each figure is rounded to 0.1 ms on its own (by up to 0.05), so the two stages' sum may pass the
    // rounded total by up to three such steps, and a float's last digit.
    expect(ms.total).toBeGreaterThanOrEqual(ms.read + ms.update - 0.15 - 1e-9);
  });

  it('still counts a stage that fails', async () => {
    const timing = new ServerTiming();
    await expect(timing.measure('update', () => Promise.reject(new Error('refused')))).rejects.toThrow();
    expect(timing.header()).toMatch(/^update;dur=[\d.]+, total;dur=[\d.]+$/);
  });

  it("times stages of the request being served, and writes the header as the answer's headers go", async () => {
    const headers = new Map<string, string>();
    const res = Object.assign(new EventEmitter(), {
      headersSent: false,
      setHeader: (name: string, value: string) => headers.set(name, value),
      writeHead(this: { headersSent: boolean }) {
        this.headersSent = true;
        return this;
      },
    });
    await new Promise<void>((done) => {
      const next: NextFunction = () => {
        void measureStage('auth', async () => undefined).then(() => {
          (res as unknown as Response).writeHead(200);
          done();
        });
      };
      serverTiming()({} as Request, res as unknown as Response, next);
    });
    expect(headers.get('Server-Timing')).toMatch(/^auth;dur=[\d.]+, total;dur=[\d.]+$/);
  });

  it('runs work outside a request untimed', async () => {
    await expect(measureStage('read', async () => 42)).resolves.toBe(42);
  });
});
