/**
 * Diagnostic (not a benchmark): CPU profile of the runtime under load, 32 clients.
 * `node bench/diag/profile-cycle.mjs [seconds] [sqlite|pg] [cycle|straight]` — the user-task cycle of
 * bench 2 or the straight-through start of bench 1; writes a .cpuprofile into $TMPDIR/baton-prof and
 * prints the top functions by self time, for each thread (main, engine threads, store thread). NODE_ARGS adds runtime node flags, TOP the number of rows.
 */
import { readdirSync, readFileSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { straightThrough } from '../lib/bpmn.mjs';
import { apiCycle, deployCycle } from '../lib/cycle.mjs';
import { session } from '../lib/runtime.mjs';
import { closedLoop } from '../lib/stats.mjs';

const seconds = Number(process.argv[2] ?? 10);
const db = process.argv[3] ?? 'sqlite';
const mode = process.argv[4] ?? 'cycle';
const dir = path.join(os.tmpdir(), 'baton-prof');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const s = await session({ db, label: 'prof', startOptions: { nodeArgs: [...(process.env.NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--cpu-prof', `--cpu-prof-dir=${dir}`] } });
try {
  let iteration = () => apiCycle(s.api);
  if (mode === 'straight') {
    await s.api.mutation('definitions.deploy', { xml: straightThrough });
    iteration = () => s.api.mutation('instances.start', { key: 'bench_straight' });
  } else {
    await deployCycle(s.api);
  }
  await closedLoop({ width: 32, ms: 1000, iteration });
  const cpu0 = s.rt.cpuMs();
  const r = await closedLoop({ width: 32, ms: seconds * 1000, iteration });
  console.log(`${r.rate.toFixed(1)} ${mode === 'straight' ? 'instances' : 'cycles'}/s, runtime CPU ${((s.rt.cpuMs() - cpu0) / (r.rate * seconds)).toFixed(2)} ms each, errors ${r.errors}`);
} finally {
  await s.rt.kill('SIGTERM'); // --cpu-prof writes the profile on a clean exit
  await s.cleanup();
}
// one profile per thread: the main thread (HTTP), the engine threads and the store thread
const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
if (!files.length) throw new Error('no profile written');
for (const file of files) {
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i += 1) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
  let total = 0;
  for (const [id, us] of dt) {
    const n = byId.get(id);
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, 'dist/')}:${n.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
    total += us;
  }
  console.log(`\n== ${path.join(dir, file)}`);
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40));
  for (const [k, us] of rows) console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
}
