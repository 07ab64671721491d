import { ConfigService } from '@nestjs/config';
import { type Environment, validateEnvironment } from '@ngk/config';
import { workerTuning } from './temporal-worker.service';

const base = {
  DATABASE_URL: 'postgres://ngk@127.0.0.1:5432/ngk',
  TEMPORAL_ADDRESS: '127.0.0.1:7233',
  JWT_SECRET: 'x'.repeat(32),
};

function tuningFor(env: Record<string, string>) {
  return workerTuning(new ConfigService<Environment, true>(validateEnvironment({ ...base, ...env })));
}

describe('workerTuning', () => {
  it("leaves every option to the SDK's default when the environment sets none", () => {
    expect(tuningFor({})).toEqual({});
  });

  it('passes each variable set to its worker option, the sticky timeout as a duration', () => {
    expect(
      tuningFor({
        TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS: '100',
        TEMPORAL_STICKY_POLL_RATIO: '0.5',
        TEMPORAL_STICKY_TIMEOUT_SECONDS: '60',
        TEMPORAL_WORKFLOW_THREADS: '2',
      }),
    ).toEqual({
      maxConcurrentWorkflowTaskExecutions: 100,
      nonStickyToStickyPollRatio: 0.5,
      stickyQueueScheduleToStartTimeout: '60s',
      workflowThreadPoolSize: 2,
    });
  });
});
