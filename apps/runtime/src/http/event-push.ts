/**
 * The push layer of the live event stream: ONE hub subscription for all SSE connections of a server.
 * Each published event is serialised once (JSON.stringify), and its SSE frame is built once per id
 * space — `id: <gid>` for all-instances streams, `id: <seq>` for one instance's stream — and the same
 * bytes are offered to every connection whose role filter lets it through (task workers: task.* only).
 * Connections that see every event share one buffer per commit (a publish).
 * Connections coalesce and bound their queues themselves (sse-subscriber.ts).
 *
 * Wire format, as tRPC 11's SSE producer writes it (httpSubscriptionLink and EventSource read it):
 * `event: connected` first, then `data: <json>\nid: <id>` per event; blank line after each.
 */
import type { Writable } from 'node:stream';
import type { RuntimeEvent } from '@baton/shared';
import type { EventHub } from '../events/event-hub.js';
import type { StoredEvent } from '../store/store.js';
import { SseSubscriber, type KeyedEvent } from './sse-subscriber.js';

export const CONNECTED_FRAME = 'event: connected\ndata: {}\n\n';

export interface EventReader {
  listEvents(instanceId: string, afterSeq?: number, limit?: number): Promise<RuntimeEvent[]>;
  listEventsAfter(gid: number, limit: number): Promise<StoredEvent[]>;
}

export interface EventPushOptions {
  hub: EventHub;
  store: EventReader;
  /** per connection, queued bytes before it is dropped for a resync from the store */
  maxBufferedBytes?: number;
  /** events per store read (backlog and resync) */
  pageSize?: number;
  onResync?: () => void;
  onError?: (error: unknown) => void;
}

export interface StreamTarget {
  /** follow one instance (ids are its seqs) or, when absent, all instances (ids are gids) */
  instanceId?: string;
  /** the id the client already has; for all instances, undefined = start now */
  after: number | undefined;
  allow?: (event: RuntimeEvent) => boolean;
}

export const DEFAULT_MAX_BUFFERED_BYTES = 512 * 1024;
const DEFAULT_PAGE = 500;

const frame = (key: number, json: string) => Buffer.from(`data: ${json}\nid: ${key}\n\n`);
const encode = (key: number, event: RuntimeEvent) => `data: ${JSON.stringify(event)}\nid: ${key}\n\n`;

export class EventPush {
  private readonly all = new Set<SseSubscriber>();
  private readonly byInstance = new Map<string, Set<SseSubscriber>>();
  private unsubscribe: (() => void) | undefined;
  private readonly maxBufferedBytes: number;
  private readonly pageSize: number;
  resyncs = 0;

  constructor(private readonly o: EventPushOptions) {
    this.maxBufferedBytes = o.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    this.pageSize = o.pageSize ?? DEFAULT_PAGE;
  }

  get subscriberCount() {
    let n = this.all.size;
    for (const set of this.byInstance.values()) n += set.size;
    return n;
  }

  /** bytes held for connections: total and the largest single connection */
  buffered() {
    let total = 0;
    let max = 0;
    const add = (s: SseSubscriber) => {
      const b = s.bufferedBytes;
      total += b;
      if (b > max) max = b;
    };
    this.all.forEach(add);
    for (const set of this.byInstance.values()) set.forEach(add);
    return { total, max };
  }

  /**
   * Registers a connection. Call after the response headers and CONNECTED_FRAME are written; it is
   * registered before any store read, so nothing committed meanwhile falls between backlog and live.
   */
  attach(sink: Writable, target: StreamTarget): () => void {
    const { instanceId } = target;
    const read = instanceId
      ? async (after: number, limit: number): Promise<KeyedEvent[]> => (await this.o.store.listEvents(instanceId, after, limit)).map((event) => ({ key: event.seq, event }))
      : async (after: number, limit: number): Promise<KeyedEvent[]> => (await this.o.store.listEventsAfter(after, limit)).map((e) => ({ key: e.gid, event: e.event }));
    const subscriber = new SseSubscriber({
      sink,
      after: instanceId ? (target.after ?? 0) : target.after,
      ...(target.allow ? { allow: target.allow } : {}),
      read,
      encode,
      maxBufferedBytes: this.maxBufferedBytes,
      pageSize: this.pageSize,
      onResync: () => {
        this.resyncs += 1;
        this.o.onResync?.();
      },
      onError: (error) => {
        this.o.onError?.(error);
        sink.end(); // the client reconnects with its last id
      },
    });
    if (instanceId) {
      let set = this.byInstance.get(instanceId);
      if (!set) this.byInstance.set(instanceId, (set = new Set()));
      set.add(subscriber);
    } else this.all.add(subscriber);
    this.unsubscribe ??= this.o.hub.subscribe((events) => this.fanOut(events));
    let detached = false;
    return () => {
      if (detached) return;
      detached = true;
      subscriber.close();
      if (instanceId) {
        const set = this.byInstance.get(instanceId);
        set?.delete(subscriber);
        if (set && !set.size) this.byInstance.delete(instanceId);
      } else this.all.delete(subscriber);
      if (!this.subscriberCount) this.close();
    };
  }

  /** stops listening to the hub (connections attached later subscribe again) */
  close() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private fanOut(events: StoredEvent[]) {
    if (!events.length) return;
    const json: string[] = [];
    const jsonOf = (i: number) => (json[i] ??= JSON.stringify(events[i].event));
    const frames: Buffer[] = [];
    const frameOf = (i: number) => (frames[i] ??= frame(events[i].gid, jsonOf(i)));
    if (this.all.size) {
      // connections that see every event get the whole commit as ONE shared buffer
      let whole: Buffer | undefined;
      let low = Infinity;
      let high = -Infinity;
      for (const s of this.all) {
        if (!s.allow) {
          if (!whole) {
            whole = Buffer.concat(events.map((_, i) => frameOf(i)));
            for (const e of events) {
              low = Math.min(low, e.gid);
              high = Math.max(high, e.gid);
            }
          }
          // a huge commit (bulk operations) goes event by event, so one commit alone cannot overflow a queue
          if (whole.length <= this.maxBufferedBytes / 4) {
            s.offer(whole, low, high);
            continue;
          }
        }
        for (let i = 0; i < events.length; i += 1) if (!s.allow || s.allow(events[i].event)) s.offer(frameOf(i), events[i].gid);
      }
    }
    for (let i = 0; i < events.length; i += 1) {
      const { event } = events[i];
      const followers = this.byInstance.get(event.instanceId);
      if (!followers) continue;
      const shared = frame(event.seq, jsonOf(i));
      for (const s of followers) if (!s.allow || s.allow(event)) s.offer(shared, event.seq);
    }
  }
}
