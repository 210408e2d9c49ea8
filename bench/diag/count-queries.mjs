/**
 * Diagnostic (not a benchmark): SQL statements per user-task cycle through the API.
 * `node bench/diag/count-queries.mjs [cycles] [sqlite|pg]` — prints each statement's count per cycle.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiCycle, deployCycle } from '../lib/cycle.mjs';
import { session } from '../lib/runtime.mjs';
import { sleep } from '../lib/stats.mjs';

const cycles = Number(process.argv[2] ?? 100);
const db = process.argv[3] ?? 'sqlite';
const out = path.join(os.tmpdir(), `baton-query-counts-${process.pid}.json`);
const s = await session({ db, env: { BATON_BENCH_QUERY_COUNTS: out }, startOptions: { nodeArgs: ['--import', new URL('./count-queries-preload.mjs', import.meta.url).pathname] } });
try {
  await deployCycle(s.api);
  for (let i = 0; i < 5; i += 1) await apiCycle(s.api);
  s.rt.child.kill('SIGUSR2');
  await sleep(300);
  for (let i = 0; i < cycles; i += 1) await apiCycle(s.api);
  s.rt.child.kill('SIGUSR2');
  await sleep(300);
  let total = 0;
  let totalMs = 0;
  const files = [out, ...readdirSync(path.dirname(out)).filter((f) => f.startsWith(`${path.basename(out)}.`)).map((f) => path.join(path.dirname(out), f))];
  const merged = new Map();
  for (const file of files) {
    for (const [sql, [n, ms]] of JSON.parse(readFileSync(file, 'utf8'))) {
      const entry = merged.get(sql) ?? [0, 0];
      merged.set(sql, [entry[0] + n, entry[1] + ms]);
    }
    rmSync(file, { force: true });
  }
  for (const [sql, [n, ms]] of [...merged].sort((a, b) => b[1][1] - a[1][1])) {
    total += n;
    totalMs += ms;
    console.log(`${(n / cycles).toFixed(2).padStart(6)} ${((1000 * ms) / cycles).toFixed(0).padStart(6)} µs  ${sql}`);
  }
  console.log(`${(total / cycles).toFixed(1)} statements, ${(totalMs / cycles).toFixed(2)} ms in ${db === 'pg' ? 'PostgreSQL round trips' : 'SQLite'} per cycle: start, tasks.list by instance, tasks.complete`);
} finally {
  await s.cleanup();
}
