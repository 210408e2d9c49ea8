/**
 * 4. Jobs: the @baton/worker SDK (createWorker, maxJobs 50, concurrency 50) completing external service
 * tasks (start → service task → end) while 32 clients start instances, against the user-task cycle
 * (start → tasks.list → complete) with 32 clients in the same run. Both are two commits per instance.
 * Figure: completed jobs/s vs user-task cycles/s (alternating blocks). No target in the issue.
 */
import { createWorker } from '@baton/worker';
import { serviceTask } from './lib/bpmn.mjs';
import { apiCycle, deployCycle } from './lib/cycle.mjs';
import { log, standalone } from './lib/report.mjs';
import { session } from './lib/runtime.mjs';
import { alternate, closedLoop, fmt, fmtRange, sleep } from './lib/stats.mjs';

export const meta = { id: '4', title: 'Jobs (worker SDK, maxJobs 50) vs user-task cycle' };

const CLIENTS = 32;

export async function run({ quick }) {
  const blocks = quick ? 2 : 4;
  const ms = quick ? 2000 : 5000;
  const s = await session({ db: 'sqlite', label: 'jobs' });
  try {
    await deployCycle(s.api);
    await s.api.mutation('definitions.deploy', { xml: serviceTask });
    let completed = 0;
    let counting = false;
    const countingFetch = async (input, init) => {
      const res = await fetch(input, init);
      if (counting && res.ok && String(input).includes('/trpc/jobs.complete')) completed += 1;
      return res;
    };
    const worker = createWorker({
      url: s.rt.url,
      token: s.api.token,
      topics: { bench: () => ({ done: true }) },
      maxJobs: 50,
      concurrency: 50,
      pollTimeoutMs: 5_000,
      fetch: countingFetch,
      logger: { debug() {}, info() {}, warn() {}, error: (m, f) => log(`worker error: ${m} ${JSON.stringify(f ?? {})}`) },
    });
    worker.start();
    const startJob = () => s.api.mutation('instances.start', { key: 'bench_job' });
    // warm-up both paths
    await closedLoop({ width: CLIENTS, ms: quick ? 300 : 1500, iteration: () => apiCycle(s.api) });
    await closedLoop({ width: CLIENTS, ms: quick ? 300 : 1500, iteration: startJob });
    const backlog = async () => (await s.api.query('instances.list', { key: 'bench_job', status: 'running', limit: 200 })).items.length;
    const result = await alternate({
      blocks,
      baseline: async () => (await closedLoop({ width: CLIENTS, ms, iteration: () => apiCycle(s.api) })).rate,
      candidate: async () => {
        // measure the completion rate while the starters keep the job queue supplied
        let t0 = 0;
        let c0 = 0;
        const ramp = Math.min(1000, ms / 4);
        const marker = sleep(ramp).then(() => {
          counting = true;
          c0 = completed;
          t0 = performance.now();
        });
        await closedLoop({ width: CLIENTS, ms, iteration: startJob, rampMs: ramp });
        await marker;
        const rate = ((completed - c0) * 1000) / (performance.now() - t0);
        counting = false;
        return rate;
      },
      onBlock: (i, b, c) => log(`block ${i + 1}/${blocks}: user-task cycle ${fmt(b)}/s, jobs ${fmt(c)}/s, ratio ${fmt(c / b, 2)}`),
    });
    // drain: every started job instance completes
    const deadline = Date.now() + 30_000;
    let left = await backlog();
    while (left > 0 && Date.now() < deadline) {
      await sleep(250);
      left = await backlog();
    }
    await worker.stop();
    return [
      {
        bench: '4',
        metric: 'jobs completed/s (worker SDK, maxJobs 50) vs user-task cycles/s',
        baseline: `${fmtRange(result.baseline)}/s cycles`,
        value: `${fmtRange(result.candidate)}/s jobs`,
        ratio: result.ratio,
        target: '— (informational)',
        pass: null,
        note: `${CLIENTS} clients start instances while one worker completes; ${left === 0 ? 'every job drained afterwards' : `${left}+ instances still waiting for their job 30 s after the load stopped`}`,
        data: result,
      },
    ];
  } finally {
    await s.cleanup();
  }
}

await standalone(import.meta.url, { meta, run });
