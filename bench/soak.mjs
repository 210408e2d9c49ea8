/**
 * 10. Endurance (`npm run bench:soak [-- --minutes 60]`; not in CI, not in `npm run bench`): the
 * user-task cycle through the API on SQLite at half of the maximum load (measured first, in the same
 * run) for N minutes. Samples the runtime's RSS every 10 s and tasks.complete latency per minute.
 * Targets: RSS slope ≈ 0 (least squares over the second half, as % of the mean RSS per hour; < 5 %/h
 * is called flat here) and p99 drift < 20 % (median p99 of the last 10 % of minutes vs the first 10 %
 * after a warm-up minute). --quick: 1 minute with 5 s "minutes", a smoke run.
 */
import { apiCycle, deployCycle } from './lib/cycle.mjs';
import { log, parseArgs, printTable, writeResults } from './lib/report.mjs';
import { prepareSnapshot, session } from './lib/runtime.mjs';
import { closedLoop, fmt, median, openLoop, percentile } from './lib/stats.mjs';

export const meta = { id: '10', title: 'Endurance (soak) at half load' };

function slope(points) {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((a, p) => a + p[0], 0) / n;
  const my = points.reduce((a, p) => a + p[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of points) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return num / den;
}

export async function run({ quick, minutes }) {
  const total = minutes ?? (quick ? 1 : 60);
  const minuteMs = quick ? 5_000 : 60_000;
  const periods = quick ? Math.max(4, Math.round((total * 60_000) / minuteMs)) : Math.max(3, Math.round(total));
  const sampleMs = quick ? 1_000 : 10_000;
  const s = await session({ db: 'sqlite', label: 'soak' });
  try {
    await deployCycle(s.api);
    await closedLoop({ width: 32, ms: 3000, iteration: () => apiCycle(s.api) });
    const max = await closedLoop({ width: 32, ms: quick ? 5000 : 20_000, iteration: () => apiCycle(s.api) });
    const rate = Math.max(1, max.rate / 2);
    log(`maximum ${fmt(max.rate)} cycles/s; soaking at ${fmt(rate)}/s for ${periods} × ${minuteMs / 1000} s`);
    const t0 = performance.now();
    const rss = [];
    const sampler = setInterval(() => rss.push([(performance.now() - t0) / 3_600_000, s.rt.rss() / 2 ** 20]), sampleMs);
    const perMinute = [];
    let errors = 0;
    for (let m = 0; m < periods; m += 1) {
      const latencies = [];
      const r = await openLoop({ rate, ms: minuteMs, iteration: () => apiCycle(s.api, { latencies }), maxInFlight: 128 });
      s.rt.assertAlive();
      errors += r.errors;
      perMinute.push({ p50: percentile(latencies, 50), p99: percentile(latencies, 99), done: r.done, skipped: r.skipped, rssMb: s.rt.rss() / 2 ** 20 });
      log(`period ${m + 1}/${periods}: ${r.done} cycles, complete p50 ${fmt(perMinute.at(-1).p50)} ms p99 ${fmt(perMinute.at(-1).p99)} ms, RSS ${fmt(perMinute.at(-1).rssMb)} MiB${r.errors ? `, ${r.errors} errors (${r.firstError?.message})` : ''}`);
    }
    clearInterval(sampler);
    const hours = (performance.now() - t0) / 3_600_000;
    const second = rss.filter(([h]) => h >= hours / 2);
    const meanRss = second.reduce((a, p) => a + p[1], 0) / Math.max(1, second.length);
    const rssSlope = slope(second); // MiB per hour
    const rssSlopePct = (100 * rssSlope) / meanRss;
    const usable = perMinute.slice(1);
    const k = Math.max(1, Math.round(usable.length / 10));
    const firstP99 = median(usable.slice(0, k).map((x) => x.p99));
    const lastP99 = median(usable.slice(-k).map((x) => x.p99));
    const drift = lastP99 / firstP99;
    return [
      {
        bench: '10',
        metric: `RSS slope over the second half (${fmt(total)} min at ${fmt(rate)} cycles/s)`,
        baseline: `${fmt(meanRss)} MiB mean RSS`,
        value: `${fmt(rssSlope, 2)} MiB/h (${fmt(rssSlopePct, 2)} %/h)`,
        ratio: null,
        target: '≈ 0 (< 5 %/h)',
        pass: quick ? null : Math.abs(rssSlopePct) < 5,
        note: `${rss.length} RSS samples; ${errors} errors${quick ? '; quick run: too short to judge a slope' : ''}`,
        data: { rss, perMinute, maxRate: max.rate, rate },
      },
      {
        bench: '10',
        metric: 'tasks.complete p99 drift (last 10 % of periods vs first 10 %)',
        baseline: `${fmt(firstP99)} ms p99 at the start`,
        value: `${fmt(lastP99)} ms p99 at the end`,
        ratio: { median: drift, min: drift, max: drift },
        target: '< 1.2',
        pass: quick ? null : drift < 1.2,
      },
    ];
  } finally {
    await s.cleanup();
  }
}

const args = parseArgs();
const startedAt = new Date().toISOString();
prepareSnapshot();
const rows = await run(args);
printTable(rows, `10. ${meta.title}${args.quick ? ' (quick)' : ''}`);
const file = writeResults(rows, { quick: args.quick, startedAt, file: args.out ?? new URL('./results/soak-latest.json', import.meta.url).pathname });
console.log(`results: ${file}`);
process.exit(0);
