/**
 * An engine worker thread: an EngineHost with its own expression handler and QuickJS sandbox, serving
 * the EnginePool. The pool routes every instance to the same worker, so its hot engine stays here;
 * definitions are parsed here once per version (kept in a small LRU; a dropped one is asked for again).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { definitionParser, type ParsedDefinition } from '../definition-model.js';
import { EngineHost } from '../engine-host.js';
import { createEngineOptions } from '../engine-options.js';
import { serializeError, type FromWorker, type ToWorker, type WorkerOptions } from './engine-protocol.js';

const PARSED_CACHE = 64;

const port = parentPort;
if (!port) throw new Error('engine-worker runs as a worker thread (see engine-pool.ts)');
const send = (message: FromWorker) => port.postMessage(message);

try {
  const options = workerData as WorkerOptions;
  const host = new EngineHost(await createEngineOptions({ scriptsEnabled: options.scriptsEnabled, cacheSize: options.cacheSize }));
  const parse = definitionParser();
  const parsed = new Map<string, Promise<ParsedDefinition>>();

  const run = async (message: Extract<ToWorker, { op: 'run' }>) => {
    const definition = parsed.get(message.ctx.definitionId);
    if (!definition) return send({ op: 'missing', call: message.call, definitionId: message.ctx.definitionId });
    try {
      const { instanceId, definitionId, snapshot, rev } = message.ctx;
      const outcome = await host.run({ instanceId, snapshot, rev, definition: { id: definitionId, parsed: await definition } }, message.command);
      send({ op: 'done', call: message.call, hot: host.hotCount, outcome });
    } catch (error) {
      send({ op: 'failed', call: message.call, hot: host.hotCount, error: serializeError(error) });
    }
  };

  port.on('message', (message: ToWorker) => {
    switch (message.op) {
      case 'define': {
        if (parsed.has(message.definitionId)) break;
        const p = parse(message.xml);
        p.catch(() => undefined); // a refusal reaches the run that awaits it
        parsed.set(message.definitionId, p);
        if (parsed.size > PARSED_CACHE) parsed.delete(parsed.keys().next().value as string);
        break;
      }
      case 'run':
        void run(message);
        break;
      case 'confirm':
        host.confirm(message.instanceId, message.rev);
        break;
      case 'evict':
        host.evict(message.instanceId);
        break;
      case 'evictAll':
        host.evictAll();
        break;
    }
  });
  send({ op: 'ready', engineVersion: host.engineVersion });
} catch (error) {
  send({ op: 'startFailed', error: serializeError(error) });
}
