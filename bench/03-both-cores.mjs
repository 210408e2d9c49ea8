/**
 * 3. Both cores: the user-task cycle with the runtime using both cores of this machine, against ONE
 * bare engine (this process, 4 interleaved cycles). Target ≥ 1.6. Two ways:
 * - one runtime on SQLite: the main thread serves HTTP, the engines run in worker threads (the
 *   EnginePool, one per core by default) and the database work (statements, fsyncs) in another — the
 *   cores the runtime process used are shown;
 * - two runtime processes on one PostgreSQL database, 16 clients on each; also one process on the
 *   same database, so the gain of the second process is visible (2 nodes / 1 node).
 */
import { parseOnce, runUserTaskCycle } from './lib/bare.mjs';
import { userTaskCycle } from './lib/bpmn.mjs';
import { apiCycle, deployCycle } from './lib/cycle.mjs';
import { log, standalone } from './lib/report.mjs';
import { Api, pgAvailable, session, startRuntime } from './lib/runtime.mjs';
import { alternate, closedLoop, fmt, fmtRange } from './lib/stats.mjs';

export const meta = { id: '3', title: 'Both cores (engine and store threads on SQLite; two runtime processes on one PostgreSQL) vs one bare engine' };

const CLIENTS = 32;
/** the bare engine is one thread: 4 interleaved instances keep it busy without completing in batches of 32 */
const BARE_WIDTH = 4;

export async function run({ quick }) {
  const ctx = await parseOnce(userTaskCycle);
  const rows = [await sqliteThreads({ quick, ctx })];
  if (!(await pgAvailable())) rows.push({ bench: '3', metric: 'two runtime processes on one PostgreSQL', value: 'skipped: no PostgreSQL', pass: null });
  else rows.push(...(await twoNodes({ quick, ctx })));
  return rows;
}

/** one runtime process on SQLite: main thread + engine threads + store thread; cores used = process CPU / wall time */
async function sqliteThreads({ quick, ctx }) {
  const blocks = quick ? 2 : 3;
  const ms = quick ? 2000 : 5000;
  const s = await session({ db: 'sqlite', label: 'cores' });
  try {
    await deployCycle(s.api);
    const cores = [];
    const api = async () => {
      const cpu0 = s.rt.cpuMs();
      const t0 = performance.now();
      const r = await closedLoop({ width: CLIENTS, ms, iteration: () => apiCycle(s.api) });
      cores.push((s.rt.cpuMs() - cpu0) / (performance.now() - t0));
      if (r.errors) log(`sqlite: ${r.errors} errors (${r.firstError?.message})`);
      return r.rate;
    };
    const bare = async () => (await closedLoop({ width: BARE_WIDTH, ms, iteration: () => runUserTaskCycle(ctx) })).rate;
    await closedLoop({ width: BARE_WIDTH, ms: quick ? 300 : 1500, iteration: () => runUserTaskCycle(ctx) });
    await closedLoop({ width: CLIENTS, ms: quick ? 300 : 1500, iteration: () => apiCycle(s.api) });
    const result = await alternate({
      blocks,
      baseline: bare,
      candidate: api,
      onBlock: (i, x, y) => log(`sqlite block ${i + 1}/${blocks}: bare ${fmt(x)}/s, runtime ${fmt(y)}/s using ${fmt(cores.at(-1), 2)} cores, ratio ${fmt(y / x, 2)}`),
    });
    const used = [...cores].sort((x, y) => x - y);
    return {
      bench: '3',
      metric: 'user-task cycles/s, 1 runtime on SQLite (engines and store in worker threads) vs 1 bare engine',
      baseline: `${fmtRange(result.baseline)}/s bare`,
      value: `${fmtRange(result.candidate)}/s`,
      ratio: result.ratio,
      target: '≥ 1.6',
      pass: result.ratio.median >= 1.6,
      note: `the runtime process used ${fmt(used[used.length >> 1], 2)} cores (${fmt(used[0], 2)}–${fmt(used.at(-1), 2)}); the load generator shares the same 2 cores`,
      data: { ...result, cores },
    };
  } finally {
    await s.cleanup();
  }
}

async function twoNodes({ quick, ctx }) {
  const blocks = quick ? 2 : 3;
  const ms = quick ? 2000 : 5000;
  const s = await session({ db: 'pg', label: 'cores', env: { BATON_NODE_ID: 'bench-a' } });
  try {
    const second = await startRuntime({ ...s.env, BATON_NODE_ID: 'bench-b' });
    s.others = [second];
    const a = s.api;
    const b = await new Api(second.url).login();
    await deployCycle(a);
    const both = () => closedLoop({ width: CLIENTS, ms, iteration: (w) => apiCycle(w % 2 ? b : a) });
    const one = () => closedLoop({ width: CLIENTS, ms, iteration: () => apiCycle(a) });
    const bare = () => closedLoop({ width: BARE_WIDTH, ms, iteration: () => runUserTaskCycle(ctx) });
    await closedLoop({ width: BARE_WIDTH, ms: quick ? 300 : 1500, iteration: () => runUserTaskCycle(ctx) });
    await closedLoop({ width: CLIENTS, ms: quick ? 300 : 1500, iteration: (w) => apiCycle(w % 2 ? b : a) });
    const singles = [];
    const result = await alternate({
      blocks,
      baseline: async () => (await bare()).rate,
      candidate: async () => {
        const r = await both();
        if (r.errors) log(`two nodes: ${r.errors} errors (${r.firstError?.message})`);
        singles.push((await one()).rate);
        return r.rate;
      },
      onBlock: (i, x, y) => log(`block ${i + 1}/${blocks}: bare ${fmt(x)}/s, two nodes ${fmt(y)}/s (one node ${fmt(singles.at(-1))}/s), ratio ${fmt(y / x, 2)}`),
    });
    const scale = result.candidate.values.map((v, i) => v / singles[i]).sort((x, y) => x - y);
    b.close();
    return [
      {
        bench: '3',
        metric: 'user-task cycles/s, 2 runtime processes on 1 PostgreSQL vs 1 bare engine',
        baseline: `${fmtRange(result.baseline)}/s bare`,
        value: `${fmtRange(result.candidate)}/s`,
        ratio: result.ratio,
        target: '≥ 1.6',
        pass: result.ratio.median >= 1.6,
        note: `2 nodes / 1 node on the same database: ${fmt(scale[scale.length >> 1], 2)} (${fmt(scale[0], 2)}–${fmt(scale.at(-1), 2)}); the load generator and PostgreSQL share the same 2 cores`,
        data: { ...result, singles },
      },
    ];
  } finally {
    await s.cleanup();
  }
}

await standalone(import.meta.url, { meta, run });
