/**
 * `GET /trpc/instances.onEvent` served by the push layer instead of tRPC's per-connection SSE
 * producer (which serialises and writes every event once per subscriber). Same URL, input, headers
 * and wire format, so httpSubscriptionLink, EventSource and the test clients see no difference.
 *
 * Authorization is not repeated here: the request is resolved through the router's own procedure
 * (context, input validation, auth and role middleware, the task-worker filter) and the push layer
 * follows the `StreamSpec` the procedure returned. Anything the procedure refuses — and any request we
 * do not recognise — falls through to tRPC, which answers exactly as before.
 */
import type http from 'node:http';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Services } from '../services/services.js';
import { appRouter } from './_app.js';
import { createContext } from './context.js';
import { EventPush, CONNECTED_FRAME } from './event-push.js';
import { parseEventId, streamSpecOf } from './event-stream.js';

export const EVENT_STREAM_PATH = '/trpc/instances.onEvent';

/** tRPC's SSE headers (resolveResponse `sseHeaders`) */
const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

export interface EventStreamHandler {
  /** serves the stream, or calls `fallback` (tRPC) for anything it does not take */
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, fallback: () => void): void;
  push: EventPush;
  close(): void;
}

export function createEventStreamHandler(services: Services, options: { maxBufferedBytes?: number } = {}): EventStreamHandler {
  const resyncs = registerMetrics(services.metrics.registry, () => push.buffered());
  const push = new EventPush({
    hub: services.hub,
    store: services.store,
    ...(options.maxBufferedBytes ? { maxBufferedBytes: options.maxBufferedBytes } : {}),
    onResync: () => resyncs.inc(),
    onError: (error) => services.logger.error({ err: (error as Error)?.message }, 'live event stream failed; connection closed for the client to resume'),
  });

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
    const input = readInput(req, url);
    if (input === INVALID) return false;
    const ctx = await createContext(services, req, res);
    const stream = await appRouter.createCaller(ctx).instances.onEvent(input as never);
    const spec = streamSpecOf(stream);
    if (res.destroyed) return true; // the client left while we authenticated
    if (!spec || res.headersSent) return false;
    res.writeHead(200, SSE_HEADERS);
    res.write(CONNECTED_FRAME);
    const detach = push.attach(res, { ...(spec.instanceId ? { instanceId: spec.instanceId } : {}), after: parseEventId(spec.lastEventId), ...(spec.allow ? { allow: spec.allow } : {}) });
    services.metrics.sseSubscribers.inc();
    res.once('close', () => {
      detach();
      services.metrics.sseSubscribers.dec();
    });
    return true;
  }

  return {
    push,
    close: () => push.close(),
    handle(req, res, url, fallback) {
      if (req.method !== 'GET' || url.searchParams.has('batch')) return fallback();
      serve(req, res, url).then(
        (served) => !served && !res.headersSent && fallback(),
        () => !res.headersSent && fallback(), // refused or invalid: tRPC answers with its own error
      );
    },
  };
}

/** the push layer's memory and resyncs on /metrics (replacing those of an earlier server on the same registry) */
function registerMetrics(registry: Registry, buffered: () => { total: number; max: number }) {
  const names = ['baton_sse_buffered_bytes', 'baton_sse_connection_buffered_bytes_max', 'baton_sse_resyncs_total'];
  for (const name of names) registry.removeSingleMetric(name);
  new Gauge({ name: names[0], help: 'Bytes queued for live event subscribers (all connections, queue plus socket buffer)', registers: [registry], collect() { this.set(buffered().total); } });
  new Gauge({ name: names[1], help: 'Bytes queued for the live event subscriber holding the most', registers: [registry], collect() { this.set(buffered().max); } });
  return new Counter({ name: names[2], help: 'Slow live event subscribers whose queue overflowed and were resynced from the store', registers: [registry] });
}

const INVALID = Symbol('invalid');

/** the raw input as tRPC's resolveResponse builds it for a GET subscription, lastEventId merged in */
function readInput(req: http.IncomingMessage, url: URL): unknown {
  let input: unknown;
  const raw = url.searchParams.get('input');
  if (raw !== null) {
    try {
      input = JSON.parse(raw);
    } catch {
      return INVALID;
    }
  }
  const header = req.headers['last-event-id'];
  const lastEventId = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('lastEventId') ?? url.searchParams.get('Last-Event-Id');
  if (lastEventId) {
    if (input && typeof input === 'object' && !Array.isArray(input)) input = { ...input, lastEventId };
    else input ??= { lastEventId };
  }
  return input;
}
