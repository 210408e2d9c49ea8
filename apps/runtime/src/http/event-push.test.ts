/**
 * The push layer's fan-out: each event serialised once for every connection, ids per stream kind,
 * and the task-worker filter applied before anything is queued.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '@baton/shared';
import { EventHub } from '../events/event-hub.js';
import type { StoredEvent } from '../store/store.js';
import { EventPush } from './event-push.js';

const tick = () => new Promise((r) => setImmediate(r));

class Sink extends Writable {
  text = '';
  writes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    this.writes += 1;
    cb();
  }
  frames() {
    return [...this.text.matchAll(/^data: (.*)\nid: (\d+)$/gm)].map((m) => ({ id: Number(m[2]), event: JSON.parse(m[1]) as RuntimeEvent }));
  }
}

let serialisations = 0;
function stored(gid: number, instanceId: string, seq: number, type: string): StoredEvent {
  const event = { type, instanceId, seq, at: '2026-01-01T00:00:00.000Z' };
  // counts how often the event is serialised
  Object.defineProperty(event, 'toJSON', { enumerable: false, value: () => (serialisations += 1, { ...event }) });
  return { gid, event: event as unknown as RuntimeEvent };
}

const noStore = { listEvents: async () => [], listEventsAfter: async () => [] };

describe('EventPush', () => {
  it('given 50 connections, then each event is serialised once and every connection gets the same frames in one write per tick', async () => {
    const hub = new EventHub();
    const push = new EventPush({ hub, store: noStore });
    const sinks = Array.from({ length: 50 }, () => new Sink());
    for (const sink of sinks) push.attach(sink, { after: undefined });
    serialisations = 0;
    hub.publish([stored(1, 'a', 1, 'instance.started'), stored(2, 'a', 2, 'activity.entered'), stored(3, 'b', 1, 'instance.started')]);
    await tick();
    expect(serialisations).toBe(3);
    for (const sink of sinks) {
      expect(sink.writes).toBe(1);
      expect(sink.text).toBe(sinks[0].text);
      expect(sink.frames().map((f) => f.id)).toEqual([1, 2, 3]);
    }
  });

  it('given a task worker, an operator and a follower of one instance, then each gets what its role and target allow, with the right ids', async () => {
    const hub = new EventHub();
    const push = new EventPush({ hub, store: noStore });
    const worker = new Sink();
    const operator = new Sink();
    const follower = new Sink();
    push.attach(worker, { after: undefined, allow: (e) => e.type.startsWith('task.') });
    push.attach(operator, { after: undefined });
    push.attach(follower, { instanceId: 'b', after: 0 });
    hub.publish([stored(10, 'a', 1, 'instance.started'), stored(11, 'a', 2, 'task.created'), stored(12, 'b', 1, 'instance.started'), stored(13, 'b', 2, 'variables.updated'), stored(14, 'b', 3, 'task.created'), stored(15, 'a', 3, 'incident.raised')]);
    for (let i = 0; i < 3; i += 1) await tick();
    expect(worker.frames().map((f) => [f.id, f.event.type])).toEqual([
      [11, 'task.created'],
      [14, 'task.created'],
    ]);
    expect(worker.frames().every((f) => f.event.type.startsWith('task.'))).toBe(true);
    expect(operator.frames().map((f) => f.id)).toEqual([10, 11, 12, 13, 14, 15]);
    expect(follower.frames().map((f) => [f.id, f.event.seq])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
  });

  it('given the last connection leaves, then the push layer stops listening to the hub', () => {
    const hub = new EventHub();
    const push = new EventPush({ hub, store: noStore });
    const detach = push.attach(new Sink(), { after: undefined });
    expect(hub.subscriberCount).toBe(1);
    detach();
    expect(hub.subscriberCount).toBe(0);
    expect(push.subscriberCount).toBe(0);
  });
});
