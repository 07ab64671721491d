/**
 * bench/timer-lateness: how late a deadline's timer fires when N of them (default 1,000) fall in one
 * second. NGK: the instant each item's workflow decided that its resolution deadline had passed, minus
 * the deadline (bench/lib/deadline-burst.ts makes them coincide). Bare Temporal, on the same server in
 * the same run: N workflows that `sleep` until instants spread evenly over one second, minus each instant.
 * Prints p50 and p99 of both and their ratios.
 *
 *   npm run bench:timer-lateness       NGK_TEMPORAL=server npm run bench:timer-lateness
 */
import { bareSleepLateness, deadlineBurst } from './lib/deadline-burst';
import { Cleanups, describeCpu, provideServers, recordResult, round, runBench } from './lib/harness';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

async function main(): Promise<void> {
  const cleanups = new Cleanups();
  try {
    const servers = await provideServers('timers', cleanups);
    const bare = await bareSleepLateness(servers, ITEMS, CONCURRENCY, { spreadMs: 1000 });
    const burst = await deadlineBurst(servers, cleanups, ITEMS, CONCURRENCY);
    const ngk = burst.decided;
    // A ratio of two lags under a millisecond says nothing: each side counts at least 1 ms.
    const ratio = (a: number, b: number) => round(Math.max(a, 1) / Math.max(b, 1), 2);
    console.log(`
timer-lateness on the ${servers.temporalKind} Temporal: ${ITEMS} deadlines in one second
  NGK, deadline to the workflow's decision     p50 ${ngk.p50} ms   p99 ${ngk.p99} ms   max ${ngk.max} ms
  bare sleep workflows, same server, same run  p50 ${bare.p50} ms   p99 ${bare.p99} ms   max ${bare.max} ms
  NGK / bare                                   p50 ${ratio(ngk.p50, bare.p50)}×   p99 ${ratio(ngk.p99, bare.p99)}×
  (deadline to the stored escalation event     p50 ${burst.stored.p50} ms   p99 ${burst.stored.p99} ms)
  firing: ${describeCpu(burst.cpu.firing)}`);
    recordResult(
      'timer-lateness',
      {
        items: burst.items,
        concurrency: CONCURRENCY,
        ngk,
        ngkStored: burst.stored,
        bare,
        p50Ratio: ratio(ngk.p50, bare.p50),
        p99Ratio: ratio(ngk.p99, bare.p99),
        cpu: burst.cpu,
      },
      servers.postgresVersion,
    );
  } finally {
    await cleanups.run();
  }
}

runBench(main);
