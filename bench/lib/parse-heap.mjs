/**
 * Child process (node --expose-gc): parses one BPMN file with the runtime's own parser (from
 * the build snapshot) several times and prints JSON { ms[], heapPeakMb[], heapRetainedMb[], pairedMs[], moddleMs[], moddleProcessMs[] }.
 * Time comes from unsampled parses; peak = highest used heap sampled every 2 ms during a separate parse,
 * minus the heap before (after gc); retained = heap still held by the parse result after gc.
 * Floors, timed in rounds of their own after those, each next to a parse (pairedMs): moddleMs = bare
 * bpmn-moddle fromXML of the whole XML (what every deploy cost before the runtime cut diagram
 * interchange out), moddleProcessMs = the same without the DI (what parseDefinition still builds).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';

const [modelPath, xmlPath, times = '3'] = process.argv.slice(2);
const model = await import(pathToFileURL(modelPath).href);
// the runtime parses with one long-lived parser (one bpmn-moddle registry); older builds had only parseDefinition
const parseDefinition = model.definitionParser?.() ?? model.parseDefinition;
const xml = readFileSync(xmlPath, 'utf8');
const out = { ms: [], pairedMs: [], moddleMs: [], moddleProcessMs: [], heapPeakMb: [], heapRetainedMb: [], elements: 0 };
// the runtime's own copies of bpmn-moddle and its camunda extension, resolved from the model file
const require = createRequire(path.resolve(modelPath));
const BpmnModdle = (await import(pathToFileURL(require.resolve('bpmn-moddle')).href)).default;
const camunda = require('camunda-bpmn-moddle/resources/camunda.json');
const { cutDiagramInterchange } = await import(pathToFileURL(path.join(path.dirname(modelPath), 'diagram-interchange.js')).href);
const processXml = cutDiagramInterchange(xml.trim())?.semantic ?? xml;
const moddle = async (text) => {
  const t0 = performance.now();
  await new BpmnModdle({ camunda }).fromXML(text.trim(), 'bpmn:Definitions');
  return performance.now() - t0;
};
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
// floors after the heap rounds (their garbage would blur the heap figures), each next to a parse
await moddle(xml);
for (let i = 0; i < Number(times); i += 1) {
  globalThis.gc();
  const t0 = performance.now();
  await parseDefinition(xml);
  out.pairedMs.push(performance.now() - t0);
  globalThis.gc();
  out.moddleMs.push(await moddle(xml));
  globalThis.gc();
  out.moddleProcessMs.push(await moddle(processXml));
}
process.stdout.write(JSON.stringify(out));
