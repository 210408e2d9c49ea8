/**
 * Diagnostic (not a benchmark): the engine host alone (no HTTP, no database) against bare bpmn-engine,
 * in this process, on bench 1's straight-through XML: where the runtime's engine cost comes from.
 * `node bench/diag/engine-host-vs-bare.mjs [instances]` — needs the built runtime.
 */
import { randomUUID } from 'node:crypto';
import { parseOnce, runStraight } from '../lib/bare.mjs';
import { straightThrough } from '../lib/bpmn.mjs';

const dist = new URL('../../apps/runtime/dist/', import.meta.url);
const { EngineHost } = await import(new URL('engine/engine-host.js', dist));
const { createEngineOptions } = await import(new URL('engine/engine-options.js', dist));
const { definitionParser } = await import(new URL('engine/definition-model.js', dist));

const n = Number(process.argv[2] ?? 2000);
const ctx = await parseOnce(straightThrough);
const host = new EngineHost(await createEngineOptions({ scriptsEnabled: false, cacheSize: 500 }));
const definition = { id: 'd1', parsed: await definitionParser()(straightThrough) };

async function timed(label, width, one) {
  let next = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await Promise.all(Array.from({ length: width }, async () => {
    while (next++ < n) await one();
  }));
  const c = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(34)} ${(n / (ms / 1000)).toFixed(0).padStart(6)}/s  ${((c.user + c.system) / 1000 / n).toFixed(2)} ms CPU each`);
}
const hostRun = async () => {
  const instanceId = randomUUID();
  const outcome = await host.run({ instanceId, definition, snapshot: null, rev: 0 }, { type: 'start', variables: {} });
  if (outcome.status !== 'completed') throw new Error(`expected completed, got ${outcome.status}`);
  host.confirm(instanceId, 1);
};
for (let round = 0; round < 3; round += 1) {
  for (const width of [1, 8, 32]) {
    await timed(`bare, ${width} at a time`, width, () => runStraight(ctx));
    await timed(`engine host, ${width} at a time`, width, hostRun);
  }
}
