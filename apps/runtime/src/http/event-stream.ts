/**
 * The live event stream behind `instances.onEvent`. Order matters: subscribe to the hub FIRST, then
 * read the backlog from the store, then yield buffered and live events, skipping anything at or below
 * what was already sent — so no event falls between backlog and live, and none is sent twice. Each
 * event is `tracked` with its id so an SSE client resumes with lastEventId after a reconnect.
 * A subscriber that falls too far behind is resynced from the store instead of buffering without bound.
 *
 * Over HTTP the same stream is served by the push layer (event-stream-handler.ts, event-push.ts), which
 * serialises each event once for all connections. This generator stays the procedure's resolver: it is
 * what in-process callers iterate, and it carries a `StreamSpec` (what to follow, from which id, and
 * the role filter the procedure chose) so the HTTP handler reuses the procedure's own authorization.
 */
import { tracked } from '@trpc/server';
import type { RuntimeEvent } from '@baton/shared';
import type { StoredEvent } from '../store/store.js';
import type { Services } from '../services/services.js';

const MAX_BUFFER = 5_000;
const BACKLOG_PAGE = 500;

export const STREAM_SPEC = Symbol('baton.streamSpec');

export interface StreamSpec {
  instanceId?: string;
  lastEventId?: string | null;
  /** undefined = every event; task workers get `type` task.* only */
  allow?: (event: RuntimeEvent) => boolean;
}

/** ids: "<seq>" when following one instance, "<gid>" for all instances ("<instanceId>:<seq>" accepted) */
export function parseEventId(id: string | null | undefined): number | undefined {
  return id ? Number(id.split(':').pop()) || 0 : undefined;
}

export function streamSpecOf(value: unknown): StreamSpec | undefined {
  return value && typeof value === 'object' && STREAM_SPEC in value ? (value as { [STREAM_SPEC]: StreamSpec })[STREAM_SPEC] : undefined;
}

export function streamEvents(services: Services, input: { instanceId?: string; lastEventId?: string | null }, signal?: AbortSignal, allow?: (event: RuntimeEvent) => boolean) {
  const spec: StreamSpec = { ...(input.instanceId ? { instanceId: input.instanceId } : {}), lastEventId: input.lastEventId ?? null, ...(allow ? { allow } : {}) };
  return Object.assign(generate(services, input, signal, allow), { [STREAM_SPEC]: spec });
}

async function* generate(services: Services, input: { instanceId?: string; lastEventId?: string | null }, signal?: AbortSignal, allow?: (event: RuntimeEvent) => boolean) {
  const instanceId = input.instanceId;
  let last = parseEventId(input.lastEventId) ?? 0;
  const key = (e: StoredEvent) => (instanceId ? e.event.seq : e.gid);

  let buffer: StoredEvent[] = [];
  let overflow = false;
  let wake: (() => void) | undefined;
  const unsubscribe = services.hub.subscribe((events) => {
    const relevant = events.filter((e) => (!instanceId || e.event.instanceId === instanceId) && (!allow || allow(e.event as RuntimeEvent)));
    if (!relevant.length) return;
    if (buffer.length + relevant.length > MAX_BUFFER) overflow = true;
    else buffer.push(...relevant);
    wake?.();
  });
  services.metrics.sseSubscribers.inc();
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  try {
    const backlog = async function* () {
      for (;;) {
        const page: StoredEvent[] = instanceId
          ? (await services.store.listEvents(instanceId, last, BACKLOG_PAGE)).map((event) => ({ gid: 0, event }))
          : await services.store.listEventsAfter(last, BACKLOG_PAGE);
        for (const e of page) yield e;
        if (page.length < BACKLOG_PAGE) return;
      }
    };
    // for the all-instances stream without lastEventId, start at "now": no global backlog replay
    if (instanceId || input.lastEventId) {
      for await (const e of backlog()) {
        last = key(e);
        if (allow && !allow(e.event as RuntimeEvent)) continue;
        yield tracked(String(key(e)), e.event as RuntimeEvent);
      }
    }
    while (!signal?.aborted) {
      if (overflow) {
        // resync: drop the buffer and read what we missed from the store
        overflow = false;
        buffer = [];
        for await (const e of backlog()) {
          last = key(e);
          if (allow && !allow(e.event as RuntimeEvent)) continue;
          yield tracked(String(key(e)), e.event as RuntimeEvent);
        }
        continue;
      }
      if (!buffer.length) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const batch = buffer;
      buffer = [];
      for (const e of batch) {
        if (key(e) <= last) continue;
        last = key(e);
        if (allow && !allow(e.event as RuntimeEvent)) continue;
        yield tracked(String(key(e)), e.event as RuntimeEvent);
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    services.metrics.sseSubscribers.dec();
    unsubscribe();
  }
}
