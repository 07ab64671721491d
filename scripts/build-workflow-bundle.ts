import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { workflowSource } from '../apps/worker/src/temporal-worker.service';

/** Pre-bundles the workflow code so a worker start does not run webpack. Run from dist/. */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  // The worker's own options (the modules it preloads among them), as when it bundles at start.
  const { workflowsPath, bundlerOptions } = workflowSource(undefined);
  const { code } = await bundleWorkflowCode({
    ...bundlerOptions,
    workflowsPath: workflowsPath!,
    logger: new DefaultLogger('WARN'),
  });
  const target = path.join(root, 'workflow-bundle.js');
  fs.writeFileSync(target, code);
  console.log(
    `workflow bundle: ${path.relative(process.cwd(), target)} (${Math.round(code.length / 1024)} KiB)`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
