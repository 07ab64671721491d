import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { NextFunction, Request, Response } from 'express';
import onHeaders from 'on-headers';

/**
 * Where one request's time went, as the `Server-Timing` header tells it (a browser's network panel shows
 * it; the benches read it): the stages the code names (`auth`, `read`, `update`, `answer`…) and `total`,
 * from the request's arrival to its headers. What the stages leave of the total is the framework's:
 * routing, pipes, serialization.
 */
export class ServerTiming {
  private readonly started = performance.now();
  private readonly stages = new Map<string, number>();

  /** Runs `work` as the named stage; a stage run twice adds up. */
  async measure<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.stages.set(stage, (this.stages.get(stage) ?? 0) + performance.now() - start);
    }
  }

  /** The header's value: `auth;dur=0.8, read;dur=1.2, …, total;dur=14.1`, in milliseconds. */
  header(): string {
    const entries = [...this.stages, ['total', performance.now() - this.started] as const];
    return entries.map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`).join(', ');
  }
}

const current = new AsyncLocalStorage<ServerTiming>();

/** Runs `work` as a stage of the request being served; outside a request it just runs it. */
export function measureStage<T>(stage: string, work: () => Promise<T>): Promise<T> {
  const timing = current.getStore();
  return timing ? timing.measure(stage, work) : work();
}

/** Gives every request its ServerTiming, and its header when the answer's headers go out. */
export function serverTiming() {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const timing = new ServerTiming();
    onHeaders(res, () => res.setHeader('Server-Timing', timing.header()));
    current.run(timing, next);
  };
}
