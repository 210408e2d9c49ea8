/**
 * 2. User-task cycle: start → task → complete → end through the API with 32 concurrent clients, against
 * bare bpmn-engine doing execute → getState → (JSON) → recover → resume → signal in-process (4 at a time).
 * Targets: ≥ 0.8 of bare on SQLite (every RuntimeEvent persisted), ≥ 0.65 on PostgreSQL;
 * tasks.complete p99 < 50 ms at half of the maximum load (open loop at 0.5 × the measured API rate).
 */
import { parseOnce, runUserTaskCycle } from './lib/bare.mjs';
import { userTaskCycle } from './lib/bpmn.mjs';
import { apiCycle, deployCycle } from './lib/cycle.mjs';
import { log, standalone } from './lib/report.mjs';
import { pgAvailable, session } from './lib/runtime.mjs';
import { alternate, closedLoop, fmt, fmtRange, openLoop, percentile, summary } from './lib/stats.mjs';

export const meta = { id: '2', title: 'User-task cycle (API vs bare engine, SQLite and PostgreSQL)' };

const CLIENTS = 32;
/** the bare engine is one thread: 4 interleaved instances keep it busy without completing in batches of 32 */
const BARE_WIDTH = 4;

async function one(db, { quick, ctx }) {
  const blocks = quick ? 2 : 4;
  const ms = quick ? 2000 : 5000;
  const s = await session({ db, label: 'cycle' });
  try {
    await deployCycle(s.api);
    await apiCycle(s.api);
    const bare = () => closedLoop({ width: BARE_WIDTH, ms, iteration: () => runUserTaskCycle(ctx) });
    const api = () => closedLoop({ width: CLIENTS, ms, iteration: () => apiCycle(s.api) });
    await closedLoop({ width: BARE_WIDTH, ms: quick ? 300 : 1500, iteration: () => runUserTaskCycle(ctx) });
    await closedLoop({ width: CLIENTS, ms: quick ? 300 : 1500, iteration: () => apiCycle(s.api) });
    const result = await alternate({
      blocks,
      baseline: async () => (await bare()).rate,
      candidate: async () => {
        const r = await api();
        if (r.errors) log(`${db}: ${r.errors} errors (${r.firstError?.message})`);
        return r.rate;
      },
      onBlock: (i, b, c) => log(`${db} block ${i + 1}/${blocks}: bare ${fmt(b)}/s, api ${fmt(c)}/s, ratio ${fmt(c / b, 2)}`),
    });

    // half of the maximum load: open loop at 0.5 × the median API rate; tasks.complete latency
    const halfRate = Math.max(1, result.candidate.median / 2);
    const p99s = [];
    const p50s = [];
    const all = [];
    const halfBlocks = quick ? 1 : 2;
    for (let i = 0; i < halfBlocks; i += 1) {
      const latencies = [];
      const r = await openLoop({ rate: halfRate, ms: quick ? 1500 : 6000, iteration: () => apiCycle(s.api, { latencies }), maxInFlight: CLIENTS * 4 });
      if (r.errors) log(`${db} half-load: ${r.errors} errors (${r.firstError?.message})`);
      p99s.push(percentile(latencies, 99));
      p50s.push(percentile(latencies, 50));
      all.push(...latencies);
      log(`${db} half load ${fmt(halfRate)}/s block ${i + 1}: complete p50 ${fmt(p50s.at(-1))} ms, p99 ${fmt(p99s.at(-1))} ms (${latencies.length} completions, ${r.skipped} skipped)`);
    }
    const p99 = summary(p99s);
    const target = db === 'pg' ? 0.65 : 0.8;
    const dbName = db === 'pg' ? 'PostgreSQL' : 'SQLite';
    return [
      {
        bench: '2',
        metric: `user-task cycles/s, API (${dbName}, ${CLIENTS} clients) vs bare`,
        baseline: `${fmtRange(result.baseline)}/s bare`,
        value: `${fmtRange(result.candidate)}/s API`,
        ratio: result.ratio,
        target: `≥ ${target}`,
        pass: result.ratio.median >= target,
        note: 'a cycle through the API is 3 requests (start, tasks.list by instance, complete) and 2 commits',
        data: result,
      },
      {
        bench: '2',
        metric: `tasks.complete p99 at half load (${dbName}, ${fmt(halfRate)}/s)`,
        baseline: `p50 ${fmtRange(summary(p50s))} ms`,
        value: `p99 ${fmtRange(p99)} ms`,
        ratio: { median: p99.median / summary(p50s).median, min: p99.min / summary(p50s).median, max: p99.max / summary(p50s).median },
        target: '< 50 ms (absolute)',
        pass: p99.median < 50,
        note: `ratio = p99 / p50 (tail spread); ${all.length} completions`,
        data: { halfRate, p99s, p50s },
      },
    ];
  } finally {
    await s.cleanup();
  }
}

export async function run({ quick }) {
  const ctx = await parseOnce(userTaskCycle);
  const rows = await one('sqlite', { quick, ctx });
  if (await pgAvailable()) rows.push(...(await one('pg', { quick, ctx })));
  else rows.push({ bench: '2', metric: 'PostgreSQL', value: 'skipped: no PostgreSQL at BATON_BENCH_PG / 127.0.0.1:5432', pass: null });
  return rows;
}

await standalone(import.meta.url, { meta, run });
