/**
 * Bridges EventHubs of several runtime nodes through PostgreSQL LISTEN/NOTIFY. A notification carries
 * only the instance id and the gid range of a commit (NOTIFY payloads are small and not durable); the
 * receiving node reads those rows from the database, so every browser connected to any node sees every
 * node's events, in order, with the stored content. Notifications from this node are ignored.
 * If the listening connection drops, it reconnects; SSE clients resume by lastEventId, so nothing is lost.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Store, StoredEvent } from '../store/store.js';
import type { EventHub } from './event-hub.js';

const EVENTS = 'baton_events';
const JOBS = 'baton_jobs';

interface EventsNote {
  node: string;
  instanceId: string;
  from: number;
  to: number;
}

export interface PgBridge {
  close(): Promise<void>;
}

export async function startPgBridge(url: string, hub: EventHub, store: Store, logger: Logger): Promise<PgBridge> {
  const node = randomUUID();
  let closed = false;
  let listener: pg.Client | undefined;
  const sender = new pg.Pool({ connectionString: url, max: 2 });
  sender.on('error', (error) => logger.warn({ err: error.message }, 'event bridge sender error'));

  const receive = async (channel: string, payload: string | undefined) => {
    if (!payload) return;
    if (channel === JOBS) {
      const [from, topic] = [payload.slice(0, 36), payload.slice(37)];
      if (from !== node) hub.jobAvailable(topic, true);
      return;
    }
    const note = JSON.parse(payload) as EventsNote;
    if (note.node === node) return;
    const rows = await store.listEventsAfter(note.from - 1, note.to - note.from + 1);
    const events: StoredEvent[] = rows.filter((e) => e.gid <= note.to && e.event.instanceId === note.instanceId);
    hub.deliverRemote(events);
  };

  const connect = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => {
      receive(msg.channel, msg.payload).catch((error: Error) => logger.warn({ err: error.message }, 'event bridge could not read notified events'));
    });
    client.on('error', (error) => {
      logger.warn({ err: error.message }, 'event bridge connection lost; reconnecting');
      void client.end().catch(() => undefined);
      if (!closed) setTimeout(() => void connect().catch(() => undefined), 500);
    });
    await client.connect();
    await client.query(`LISTEN ${EVENTS}`);
    await client.query(`LISTEN ${JOBS}`);
    listener = client;
  };
  await connect();

  hub.connect({
    events(events) {
      const byInstance = new Map<string, { from: number; to: number }>();
      for (const { gid, event } of events) {
        const range = byInstance.get(event.instanceId);
        if (!range) byInstance.set(event.instanceId, { from: gid, to: gid });
        else {
          range.from = Math.min(range.from, gid);
          range.to = Math.max(range.to, gid);
        }
      }
      for (const [instanceId, { from, to }] of byInstance) {
        const note: EventsNote = { node, instanceId, from, to };
        sender.query('select pg_notify($1, $2)', [EVENTS, JSON.stringify(note)]).catch((error: Error) => logger.warn({ err: error.message }, 'event bridge notify failed'));
      }
    },
    jobAvailable(topic) {
      sender.query('select pg_notify($1, $2)', [JOBS, `${node}:${topic}`]).catch(() => undefined);
    },
  });

  return {
    async close() {
      closed = true;
      hub.connect(undefined);
      await listener?.end().catch(() => undefined);
      await sender.end().catch(() => undefined);
    },
  };
}
