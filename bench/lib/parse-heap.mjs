/**
 * Child process (node --expose-gc): parses one BPMN file with the runtime's own parseDefinition (from
 * the build snapshot) several times and prints JSON { ms[], heapPeakMb[], heapRetainedMb[] }.
 * Time comes from unsampled parses; peak = highest used heap sampled every 2 ms during a separate parse,
 * minus the heap before (after gc); retained = heap still held by the parse result after gc.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';

const [modelPath, xmlPath, times = '3'] = process.argv.slice(2);
const { parseDefinition } = await import(pathToFileURL(modelPath).href);
const xml = readFileSync(xmlPath, 'utf8');
const out = { ms: [], heapPeakMb: [], heapRetainedMb: [], elements: 0 };
await parseDefinition(xml); // warm-up (module code, JIT)
const used = () => v8.getHeapStatistics().used_heap_size;
const kept = [];
for (let i = 0; i < Number(times); i += 1) {
  globalThis.gc();
  let t0 = performance.now();
  const timed = await parseDefinition(xml);
  out.ms.push(performance.now() - t0);
  out.elements = timed.elements.size;
  globalThis.gc();
  const before = used();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, used())), 2);
  const parsed = await parseDefinition(xml);
  clearInterval(sampler);
  peak = Math.max(peak, used());
  out.heapPeakMb.push((peak - before) / 2 ** 20);
  kept.push(parsed);
  globalThis.gc();
  out.heapRetainedMb.push((used() - before) / 2 ** 20);
  kept.length = 0;
}
process.stdout.write(JSON.stringify(out));
