/**
 * Push layer vs a naive one-send-per-event loop, same run, same sockets, same events.
 * An HTTP server in this (main) thread serves `subscribers` SSE connections read by a worker thread
 * (sse-worker.mjs, the parser the latency benchmark uses). `batches` commits of real RuntimeEvents
 * (taken from the runtime's own history) are published, one commit per event-loop turn as the step
 * runner does, either
 *   - push:  through the runtime's built EventHub + EventPush (serialise once, shared frames,
 *            coalesced writes, bounded queues) — the code the runtime serves the stream with, or
 *   - naive: for each event, for each subscriber, JSON.stringify + res.write (what a per-subscriber
 *            stream does, minus tRPC's own per-event overhead: a generous baseline).
 * Figure: CPU time of the server thread (Linux /proc/self/task/<tid>/stat, so the clients' parsing in
 * the worker thread is not counted) from the first publish until every subscriber has every event.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { prepareSnapshot } from './runtime.mjs';
import { sleep } from './stats.mjs';
import { ask } from './ask.mjs';

/** CPU ms (user + system) of this process's main thread */
function mainThreadCpuMs() {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const SSE_HEADERS = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive' };

/**
 * @param commits  arrays of RuntimeEvents, one per commit (a template; ids and `at` are renewed per run)
 */
export async function coalescingComparison({ commits, subscribers = 50, batches = 600, blocks = 3, log = () => {} }) {
  const dist = path.dirname(prepareSnapshot());
  const { EventHub } = await import(pathToFileURL(path.join(dist, 'events/event-hub.js')).href);
  const { EventPush, CONNECTED_FRAME } = await import(pathToFileURL(path.join(dist, 'http/event-push.js')).href);

  let mode = 'push';
  let hub = new EventHub();
  let push = new EventPush({ hub, store: { listEvents: async () => [], listEventsAfter: async () => [] } });
  const naive = new Set();
  const server = http.createServer((req, res) => {
    res.writeHead(200, SSE_HEADERS);
    res.write(CONNECTED_FRAME);
    if (mode === 'push') {
      const detach = push.attach(res, { after: undefined });
      res.once('close', detach);
    } else {
      naive.add(res);
      res.once('close', () => naive.delete(res));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}`;

  let gid = 0;
  const publishNaive = (events) => {
    for (const e of events) {
      for (const res of naive) res.write(`data: ${JSON.stringify(e.event)}\nid: ${e.gid}\n\n`);
    }
  };

  async function runMode(m) {
    mode = m;
    if (m === 'push') {
      hub = new EventHub();
      push = new EventPush({ hub, store: { listEvents: async () => [], listEventsAfter: async () => [] } });
    }
    const worker = new Worker(new URL('./sse-worker.mjs', import.meta.url), { workerData: { url, token: 'none', count: subscribers } });
    await new Promise((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m) => m.type === 'ready' && resolve());
    });
    await ask(worker, { type: 'reset' }, 'reset');
    let events = 0;
    const cpu0 = mainThreadCpuMs();
    const t0 = performance.now();
    for (let b = 0; b < batches; b += 1) {
      const at = new Date().toISOString();
      const batch = commits[b % commits.length].map((event) => ({ gid: (gid += 1), event: { ...event, instanceId: `micro-${b}`, at } }));
      events += batch.length;
      if (m === 'push') hub.publish(batch);
      else publishNaive(batch);
      await new Promise((r) => setImmediate(r)); // one commit per event-loop turn
    }
    // until every subscriber has every event
    let received = 0;
    for (let i = 0; i < 600; i += 1) {
      received = (await ask(worker, { type: 'count' }, 'count')).received;
      if (received >= events * subscribers) break;
      await sleep(50);
    }
    const wallMs = performance.now() - t0;
    const cpuMs = mainThreadCpuMs() - cpu0;
    await ask(worker, { type: 'close' }, 'closed');
    await worker.terminate();
    await sleep(100);
    const deliveries = events * subscribers;
    return { mode: m, events, deliveries, received, cpuMs, wallMs, cpuUsPerDelivery: (cpuMs * 1000) / deliveries };
  }

  const results = { push: [], naive: [] };
  try {
    for (let i = 0; i < blocks; i += 1) {
      for (const m of i % 2 ? ['push', 'naive'] : ['naive', 'push']) {
        const r = await runMode(m);
        results[m].push(r);
        log(`coalescing block ${i + 1}/${blocks} ${m}: ${r.events} events × ${subscribers} subscribers, server thread CPU ${r.cpuMs.toFixed(0)} ms (${r.cpuUsPerDelivery.toFixed(2)} µs per delivery), delivered in ${r.wallMs.toFixed(0)} ms, ${r.received}/${r.deliveries} received`);
      }
    }
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  return results;
}
