/**
 * A diagnosis, not a setting: preloaded by scripts/bench.sh when BENCH_VM_WATCHDOG=off, in the main thread
 * and in every worker thread (they take the parent's `-r`). The Temporal SDK runs each entry into a
 * workflow's vm context with a `timeout` (its isolateExecutionTimeout, 5 s), the guard against workflow
 * code that never yields; for each such call Node starts a watchdog thread and joins it after. Here those
 * calls lose their `timeout`, on NGK's worker and the baselines' alike, so a run shows what the watchdog
 * costs a workflow task. Production keeps the guard: the SDK offers no option without it.
 */
import vm from 'node:vm';
import { WITHOUT_VM_WATCHDOG } from './vm-watchdog-mark';

type RunOptions = vm.RunningScriptOptions | string | undefined;

function withoutTimeout(options: RunOptions): RunOptions {
  if (!options || typeof options !== 'object' || !('timeout' in options)) return options;
  const { timeout: _dropped, ...rest } = options;
  return rest;
}

const scriptRun = vm.Script.prototype.runInContext;
vm.Script.prototype.runInContext = function (context: vm.Context, options?: vm.RunningScriptOptions) {
  return scriptRun.call(this, context, withoutTimeout(options) as vm.RunningScriptOptions | undefined);
};
const moduleRun = vm.runInContext;
vm.runInContext = (code: string, context: vm.Context, options?: RunOptions) =>
  moduleRun(code, context, withoutTimeout(options));

(globalThis as Record<symbol, unknown>)[WITHOUT_VM_WATCHDOG] = true;
