import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/** The ports of a spawned worker's probes and SDK metrics; each stays off unless given. */
export interface WorkerPorts {
  health?: number;
  metrics?: number;
}

/**
 * The worker as a process of its own (`node <args>` from the project root, or from another checkout such
 * as a previous release's), for those who must read its memory or kill it without warning. Resolves once
 * it polls its task queue; rejects with its output when it exits first or takes over a minute.
 */
export async function spawnWorkerProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = ROOT,
  ports: WorkerPorts = {},
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    cwd,
    // Its probes and SDK metrics stay off unless `ports` asks for them, whatever `env` holds: several such
    // workers may run at once, and an app started in the caller's process leaves its configuration's
    // defaults (8081, 9464) in process.env.
    env: {
      ...env,
      WORKER_HEALTH_PORT: String(ports.health ?? 0),
      WORKER_METRICS_PORT: String(ports.metrics ?? 0),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker polling task queue')) {
        clearTimeout(timer);
        // From here on its output flows past unread unless the caller listens.
        child.stdout!.off('data', watch).resume();
        child.stderr!.off('data', watch).resume();
        resolve();
      }
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}:\n${output}`));
    });
  });
  return child;
}
