import { DefaultLogger, Runtime } from '@temporalio/worker';

// Servers, workers and workflows take seconds, not milliseconds, on a 2-core machine.
jest.setTimeout(120_000);

// The SDK logs at INFO to the console by default; tests want its warnings only.
Runtime.install({ logger: new DefaultLogger('WARN') });
