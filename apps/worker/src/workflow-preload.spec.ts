import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import * as vm from 'node:vm';
import { workflowSource } from './temporal-worker.service';

/**
 * The worker's bundle, loaded as the SDK's reusable context loads it: modules required before any
 * workflow exists go to a cache every run shares, and each run's own modules to a cache of its own.
 */
function loadBundle(code: string) {
  const shared = new Map<PropertyKey, unknown>();
  let run: Map<PropertyKey, unknown> | null = null;
  const cache = new Proxy(
    {},
    {
      get: (_, id) => shared.get(id) ?? run?.get(id),
      set: (_, id, module) => ((run ?? shared).set(id, module), true),
      deleteProperty: (_, id) => (run ?? shared).delete(id),
    },
  );
  const context = vm.createContext({ TextEncoder, TextDecoder, URL, AbortController, AbortSignal });
  Object.defineProperty(context, '__webpack_module_cache__', { value: cache });
  new vm.Script(code).runInContext(context);
  const temporal = (context as { __TEMPORAL__: Record<string, () => unknown> }).__TEMPORAL__;
  temporal.preloadModules?.();
  return {
    shared,
    /** The modules one new run evaluates. */
    startRun(): string[] {
      run = new Map();
      temporal.importWorkflows();
      const evaluated = [...run.keys()].map(String);
      run = null;
      return evaluated;
    },
  };
}

describe("the worker's workflow bundle", () => {
  it('evaluates the domain rules once for every run, not once per run', async () => {
    const { workflowsPath, bundlerOptions } = workflowSource(undefined);
    const { code } = await bundleWorkflowCode({
      ...bundlerOptions,
      workflowsPath: workflowsPath!,
      logger: new DefaultLogger('WARN'),
    });
    const bundle = loadBundle(code);
    const domain = (id: string) => id.startsWith('./libs/domain/');
    expect([...bundle.shared.keys()].map(String).filter(domain).length).toBeGreaterThan(10);
    const first = bundle.startRun();
    // A run still evaluates its own workflow code, and nothing of the domain.
    expect(first).toContain('./workflows/recommendation/workflow.ts');
    expect(first.filter(domain)).toEqual([]);
    expect(bundle.startRun()).toEqual(first);
  }, 120_000);
});
