/**
 * Leases that let several runtime nodes share the scheduler and the job queue: a due timer or an
 * available job is handed to exactly one claimant until its lease expires. On PostgreSQL the
 * candidate rows are selected `FOR UPDATE SKIP LOCKED` (concurrent claimants pick different rows
 * without waiting); on SQLite the write transaction itself is the lock (one writer at a time).
 */
import type { Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Database } from './db-schema.js';
import { addMs, jobChangeColumns, toJob, toTimer } from './row-mappers.js';
import type { StoreCapabilities } from './store-capabilities.js';
import type { JobRow, TimerRow } from './store.js';

export async function claimDueTimers(
  db: Kysely<Database>, caps: StoreCapabilities, input: { now: string; limit: number; owner: string; leaseMs: number },
): Promise<TimerRow[]> {
  const { now, limit, owner, leaseMs } = input;
  if (limit <= 0) return [];
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('timers')
      .select('id')
      .where('due_at', '<=', now)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .orderBy('due_at')
      .orderBy('id')
      .limit(limit)
      .$if(caps.skipLocked, (q) => q.forUpdate().skipLocked())
      .execute();
    if (due.length === 0) return [];
    const rows = await trx
      .updateTable('timers')
      .set({ locked_until: addMs(now, leaseMs), locked_by: owner })
      .where('id', 'in', due.map((d) => d.id))
      .returningAll()
      .execute();
    return rows.map(toTimer).sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : 1));
  });
}

/** Jobs whose retries reached 0 wait for an incident retry and are never handed out. */
export async function lockJobs(
  db: Kysely<Database>, caps: StoreCapabilities, input: { workerId: string; topics: { topic: string; lockDurationMs: number }[]; maxJobs: number; now: string },
): Promise<JobRow[]> {
  const { workerId, topics, maxJobs, now } = input;
  if (topics.length === 0 || maxJobs <= 0) return [];
  const durations = new Map(topics.map((t) => [t.topic, t.lockDurationMs]));
  return db.transaction().execute(async (trx) => {
    const candidates = await trx
      .selectFrom('jobs')
      .select(['id', 'topic'])
      .where('topic', 'in', [...durations.keys()])
      .where('available_at', '<=', now)
      .where((eb) => eb.or([eb('lock_expires_at', 'is', null), eb('lock_expires_at', '<', now)]))
      .where((eb) => eb.or([eb('retries', 'is', null), eb('retries', '>', 0)]))
      .orderBy('available_at')
      .orderBy('created_at')
      .orderBy('id')
      .limit(maxJobs)
      .$if(caps.skipLocked, (q) => q.forUpdate().skipLocked())
      .execute();
    if (candidates.length === 0) return [];
    const byTopic = new Map<string, string[]>();
    for (const c of candidates) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c.id]);
    for (const [topic, ids] of byTopic) {
      await trx.updateTable('jobs').set({ worker_id: workerId, lock_expires_at: addMs(now, durations.get(topic)!) }).where('id', 'in', ids).execute();
    }
    const rows = await trx.selectFrom('jobs').selectAll().where('id', 'in', candidates.map((c) => c.id)).orderBy('available_at').orderBy('created_at').orderBy('id').execute();
    return rows.map(toJob);
  });
}

export async function updateJob(
  db: Kysely<Database>, id: string, changes: Parameters<typeof jobChangeColumns>[0], expect?: { workerId: string },
): Promise<JobRow> {
  const now = new Date().toISOString();
  const cols = jobChangeColumns(changes);
  return db.transaction().execute(async (trx) => {
    // a conditional UPDATE is atomic on both databases: the lock check and the change are one statement
    const updated = await trx
      .updateTable('jobs')
      .set(Object.keys(cols).length > 0 ? cols : { id })
      .where('id', '=', id)
      .$if(expect !== undefined, (q) =>
        q.where('worker_id', '=', expect!.workerId).where((eb) => eb.or([eb('lock_expires_at', 'is', null), eb('lock_expires_at', '>=', now)])),
      )
      .returningAll()
      .executeTakeFirst();
    if (updated) return toJob(updated);
    const current = await trx.selectFrom('jobs').select(['worker_id', 'lock_expires_at']).where('id', '=', id).executeTakeFirst();
    if (!current) throw new NotFoundError('job', id);
    const holder = current.worker_id === expect!.workerId
      ? `its lock expired at ${current.lock_expires_at}`
      : current.worker_id ? `it is locked by worker "${current.worker_id}"` : 'it is not locked';
    throw new ConflictError(`job "${id}" is not locked by worker "${expect!.workerId}" (${holder}); fetch and lock it again`);
  });
}
