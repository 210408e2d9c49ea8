/**
 * 3. Both cores: the user-task cycle with the runtime using both cores of this machine — two runtime
 * processes on one PostgreSQL database, 16 clients on each — against ONE bare engine (this process,
 * 4 interleaved cycles). Target ≥ 1.6. Also shown: one runtime process on the same database, so the
 * gain of the second process is visible (2 nodes / 1 node).
 */
import { parseOnce, runUserTaskCycle } from './lib/bare.mjs';
import { userTaskCycle } from './lib/bpmn.mjs';
import { apiCycle, deployCycle } from './lib/cycle.mjs';
import { log, standalone } from './lib/report.mjs';
import { Api, pgAvailable, session, startRuntime } from './lib/runtime.mjs';
import { alternate, closedLoop, fmt, fmtRange } from './lib/stats.mjs';

export const meta = { id: '3', title: 'Both cores (two runtime processes on one PostgreSQL) vs one bare engine' };

const CLIENTS = 32;
/** the bare engine is one thread: 4 interleaved instances keep it busy without completing in batches of 32 */
const BARE_WIDTH = 4;

export async function run({ quick }) {
  if (!(await pgAvailable())) return [{ bench: '3', metric: meta.title, value: 'skipped: no PostgreSQL', pass: null }];
  const blocks = quick ? 2 : 3;
  const ms = quick ? 2000 : 5000;
  const ctx = await parseOnce(userTaskCycle);
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
