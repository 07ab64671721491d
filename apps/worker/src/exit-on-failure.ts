/**
 * A worker whose run() fails must not idle: a process manager restarts a process that exits, never one
 * that sits there. Stops what is left (best effort), then exits non-zero. A clean stop exits as usual.
 */
export function exitOnFailure(
  finished: Promise<void>,
  handlers: { log(err: unknown): void; stop(): Promise<void>; exit(code: number): void },
): Promise<void> {
  return finished.catch(async (err: unknown) => {
    handlers.log(err);
    await handlers.stop().catch(() => undefined);
    handlers.exit(1);
  });
}
