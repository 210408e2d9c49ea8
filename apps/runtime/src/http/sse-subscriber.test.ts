/**
 * The per-connection queue of the live stream: coalesced writes in order, a bounded queue on a socket
 * that does not drain, and a resync from the store that leaves the ids gap-free.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '@baton/shared';
import { RESYNC_COMMENT, SseSubscriber, type KeyedEvent } from './sse-subscriber.js';

const tick = () => new Promise((r) => setImmediate(r));
const event = (seq: number, extra = ''): RuntimeEvent => ({ type: 'flow.taken', instanceId: 'i1', seq, at: '2026-01-01T00:00:00.000Z', elementId: `f${extra}`, flowId: 'f' }) as unknown as RuntimeEvent;
const encode = (key: number, e: RuntimeEvent) => `data: ${JSON.stringify(e)}\nid: ${key}\n\n`;

/** a socket whose reader takes nothing until `release()` (paused), or everything (flowing) */
class Socket extends Writable {
  writes: string[] = [];
  private held: (() => void)[] = [];
  constructor(private flowing: boolean) {
    super({ highWaterMark: 1024 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.writes.push(chunk.toString());
    if (this.flowing) cb();
    else this.held.push(cb);
  }
  release() {
    this.flowing = true;
    for (const cb of this.held.splice(0)) cb();
  }
  text() {
    return this.writes.join('');
  }
}

/** ids of the data frames in what was written, and whether a resync comment came */
function ids(text: string) {
  return [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
}

function store(events: KeyedEvent[]) {
  return async (after: number, limit: number) => events.filter((e) => e.key > after).slice(0, limit);
}

describe('SseSubscriber', () => {
  it('given frames offered in one tick, then they go out in one write, in order', async () => {
    const sink = new Socket(true);
    const sub = new SseSubscriber({ sink, after: undefined, read: store([]), encode, maxBufferedBytes: 1 << 20, pageSize: 100 });
    for (let k = 1; k <= 20; k += 1) sub.offer(Buffer.from(encode(k, event(k))), k);
    await tick();
    expect(sink.writes).toHaveLength(1);
    expect(ids(sink.text())).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    sub.offer(Buffer.from(encode(21, event(21))), 21);
    sub.offer(Buffer.from(encode(22, event(22))), 22);
    await tick();
    expect(sink.writes).toHaveLength(2);
    expect(ids(sink.text())).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
  });

  it('given a backlog, then the store is read first and live frames it already covered are not sent twice', async () => {
    const history = Array.from({ length: 30 }, (_, i) => ({ key: i + 1, event: event(i + 1) }));
    const sink = new Socket(true);
    const sub = new SseSubscriber({ sink, after: 5, read: store(history.slice(0, 25)), encode, maxBufferedBytes: 1 << 20, pageSize: 10 });
    // live events 20..30 arrive while the backlog (6..25, in pages of 10) is being read
    for (let k = 20; k <= 30; k += 1) sub.offer(Buffer.from(encode(k, event(k))), k);
    for (let i = 0; i < 20; i += 1) await tick();
    expect(ids(sink.text())).toEqual(Array.from({ length: 25 }, (_, i) => i + 6));
  });

  it('given a subscriber that never reads, then its queue stays bounded, it is resynced from the store, and nothing is lost or reordered', async () => {
    const sink = new Socket(false);
    const max = 16 * 1024;
    const history: KeyedEvent[] = [];
    let resyncs = 0;
    const sub = new SseSubscriber({ sink, after: undefined, read: store(history), encode, maxBufferedBytes: max, pageSize: 50, onResync: () => (resyncs += 1) });
    let peak = 0;
    for (let k = 1; k <= 5_000; k += 1) {
      const e = event(k, 'x'.repeat(200));
      history.push({ key: k, event: e }); // committed before it is published
      sub.offer(Buffer.from(encode(k, e)), k);
      peak = Math.max(peak, sub.bufferedBytes);
      if (k % 100 === 0) await tick();
    }
    // ~1.5 MB offered; held: the queue plus one write the socket has not taken
    expect(peak).toBeLessThanOrEqual(2 * max + 1024);
    expect(resyncs).toBe(1);
    sink.release();
    for (let i = 0; i < 500 && ids(sink.text()).at(-1) !== 5_000; i += 1) await tick();
    const text = sink.text();
    expect(ids(text)).toEqual(Array.from({ length: 5_000 }, (_, i) => i + 1));
    expect(text.split(RESYNC_COMMENT)).toHaveLength(2);
    // more live events after catching up flow as usual
    sub.offer(Buffer.from(encode(5_001, event(5_001))), 5_001);
    await tick();
    expect(ids(sink.text()).at(-1)).toBe(5_001);
  });

  it('given a role filter, then refused events are skipped on resync but their ids count as sent', async () => {
    const history = [1, 2, 3, 4].map((k) => ({ key: k, event: { ...event(k), type: k % 2 ? 'task.created' : 'flow.taken' } as RuntimeEvent }));
    const sink = new Socket(true);
    new SseSubscriber({ sink, after: 0, allow: (e) => e.type.startsWith('task.'), read: store(history), encode, maxBufferedBytes: 1 << 20, pageSize: 10 });
    for (let i = 0; i < 5; i += 1) await tick();
    expect(ids(sink.text())).toEqual([1, 3]);
  });
});
