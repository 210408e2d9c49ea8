/**
 * 1. Straight-through: start → 3 plain tasks → end through the public API (HTTP, auth, one durable
 * SQLite commit per instance), against bare bpmn-engine running the same XML in this process with a
 * shared pre-parsed context. Target ≥ 0.9 of bare.
 */
import { parseOnce, runStraight } from './lib/bare.mjs';
import { straightThrough } from './lib/bpmn.mjs';
import { log, standalone } from './lib/report.mjs';
import { session } from './lib/runtime.mjs';
import { alternate, closedLoop, fmt, fmtRange } from './lib/stats.mjs';

export const meta = { id: '1', title: 'Straight-through (API vs bare engine)' };

export async function run({ quick }) {
  const blocks = quick ? 2 : 5;
  const ms = quick ? 800 : 4000;
  const clients = 16;
  const ctx = await parseOnce(straightThrough);
  const s = await session({ db: 'sqlite', label: 'st' });
  try {
    await s.api.mutation('definitions.deploy', { xml: straightThrough });
    const first = await s.api.mutation('instances.start', { key: 'bench_straight' });
    if (first.status !== 'completed') throw new Error(`straight-through instance is ${first.status}, expected completed`);
    const bare = () => closedLoop({ width: 8, ms, iteration: () => runStraight(ctx) });
    const api = () => closedLoop({ width: clients, ms, iteration: () => s.api.mutation('instances.start', { key: 'bench_straight' }) });
    // warm-up (JIT, caches) outside the measurement
    await closedLoop({ width: 8, ms: quick ? 300 : 1500, iteration: () => runStraight(ctx) });
    await closedLoop({ width: clients, ms: quick ? 300 : 1500, iteration: () => s.api.mutation('instances.start', { key: 'bench_straight' }) });

    const cpu = { bare: [], api: [] };
    const result = await alternate({
      blocks,
      baseline: async () => {
        const c0 = process.cpuUsage();
        const r = await bare();
        const c = process.cpuUsage(c0);
        cpu.bare.push((c.user + c.system) / 1000 / Math.max(1, r.total));
        return r.rate;
      },
      candidate: async () => {
        const c0 = s.rt.cpuMs();
        const r = await api();
        if (r.errors) log(`api errors: ${r.errors} (${r.firstError?.message})`);
        cpu.api.push((s.rt.cpuMs() - c0) / Math.max(1, r.total));
        return r.rate;
      },
      onBlock: (i, b, c) => log(`block ${i + 1}/${blocks}: bare ${fmt(b)}/s, api ${fmt(c)}/s, ratio ${fmt(c / b, 2)}`),
    });
    const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
    return [
      {
        bench: '1',
        metric: 'straight-through instances/s, API (SQLite) vs bare',
        baseline: `${fmtRange(result.baseline)}/s bare`,
        value: `${fmtRange(result.candidate)}/s API`,
        ratio: result.ratio,
        target: '≥ 0.9',
        pass: result.ratio.median >= 0.9,
        note: `${clients} HTTP clients vs 8 in-process; CPU per instance: bare ${fmt(med(cpu.bare), 2)} ms, runtime process ${fmt(med(cpu.api), 2)} ms (server side only; the load generator shares the 2 cores)`,
        data: { ...result, cpuMsPerInstance: cpu },
      },
    ];
  } finally {
    await s.cleanup();
  }
}

await standalone(import.meta.url, { meta, run });
