/**
 * A worker thread holding many SSE subscribers (instances.onEvent for all instances), so parsing their
 * streams does not delay the load generator's event loop (or vice versa). Records, per event, the
 * latency from the event's `at` (when the engine produced it) to its arrival here, and per subscriber
 * the seqs seen per instance, to prove no event was lost.
 * Messages in: { type: 'reset' } | { type: 'report', instanceIds } | { type: 'count' } (events received
 * since the last reset, over all subscribers) | { type: 'close' }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { subscribe } from './runtime.mjs';

const { url, token, count } = workerData;
let latencies = [];
/** latencies of instance.completed only: its `at` is taken right before the commit (commit + push) */
let commitLatencies = [];
let received = 0;
const subs = [];
for (let i = 0; i < count; i += 1) {
  const seen = new Map();
  const sub = subscribe(url, 'instances.onEvent', {}, token, ({ data, receivedAt }) => {
    latencies.push(receivedAt - Date.parse(data.at));
    if (data.type === 'instance.completed') commitLatencies.push(receivedAt - Date.parse(data.at));
    received += 1;
    let s = seen.get(data.instanceId);
    if (!s) seen.set(data.instanceId, (s = { n: 0, max: 0, completed: false }));
    s.n += 1;
    s.max = Math.max(s.max, data.seq);
    if (data.type === 'instance.completed') s.completed = true;
  });
  subs.push({ sub, seen });
}
await Promise.all(subs.map((s) => s.sub.ready));
parentPort.postMessage({ type: 'ready' });

parentPort.on('message', (msg) => {
  if (msg.type === 'reset') {
    latencies = [];
    commitLatencies = [];
    received = 0;
    for (const s of subs) s.seen.clear();
    parentPort.postMessage({ type: 'reset' });
  } else if (msg.type === 'report') {
    let lost = 0;
    let gaps = 0;
    let received = 0;
    for (const s of subs) {
      for (const id of msg.instanceIds) {
        const x = s.seen.get(id);
        if (!x || !x.completed) lost += 1;
        else if (x.n !== x.max) gaps += 1;
      }
      for (const x of s.seen.values()) received += x.n;
    }
    parentPort.postMessage({ type: 'report', latencies, commitLatencies, lost, gaps, received, subscribers: subs.length });
  } else if (msg.type === 'count') {
    parentPort.postMessage({ type: 'count', received });
  } else if (msg.type === 'close') {
    for (const s of subs) s.sub.close();
    parentPort.postMessage({ type: 'closed' });
    parentPort.close();
  }
});
