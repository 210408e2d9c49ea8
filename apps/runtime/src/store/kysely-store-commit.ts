/**
 * commitStep: the one write path of an instance, run inside ONE transaction by KyselyStore.
 *
 * Order matters: the rev-checked instance write goes first, so a lost race fails before anything else
 * is written (and on PostgreSQL the row lock serialises commands on the same instance); direct task/job
 * changes come before the waits are reconciled, so a completed task is no longer `open` and is not
 * cancelled; events are appended last, right before commit, so the event-append lock is held briefly.
 */
import type { NewRuntimeEvent, RuntimeEvent, TokenCount } from '@baton/shared';
import { sql, type Insertable, type Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Database, EventsTable, InstancesTable } from './db-schema.js';
import {
  incidentColumns, instanceColumns, jobChangeColumns, jobColumns, subscriptionColumns, taskChangeColumns, taskColumns,
  timerColumns,
} from './row-mappers.js';
import type { StoreCapabilities } from './store-capabilities.js';
import type { StepCommit, StepResult, StoredEvent, TaskRow, Waits } from './store.js';
import { candidateRows, syncCandidateKeys } from './task-candidate-rows.js';

const CHUNK = 200;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const REQUIRED_ON_CREATE = ['definitionId', 'key', 'version', 'startedAt', 'engineVersion'] as const;

/** the instance's process, known from the rows this commit wrote: the projections need no read */
export interface CommittedProcess {
  key: string;
  definitionId: string;
  created: boolean;
}

export async function commitStepInTransaction(trx: Kysely<Database>, caps: StoreCapabilities, step: StepCommit): Promise<{ result: StepResult; process: CommittedProcess }> {
  const { instanceId } = step;
  const n = step.events.length;
  let rev: number;
  let lastSeqBefore: number;
  let definitionId: string;
  let key: string;

  if (step.expectedRev === null) {
    const missing = REQUIRED_ON_CREATE.filter((f) => step.instance[f] === undefined);
    if (missing.length > 0) throw new Error(`commitStep creating instance "${instanceId}" lacks ${missing.join(', ')}`);
    const row = {
      business_key: null,
      variables: '{}',
      snapshot: null,
      tokens: '[]',
      ended_at: null,
      parent_instance_id: null,
      parent_execution_id: null,
      ...instanceColumns(step.instance),
      id: instanceId,
      rev: 1,
      last_seq: n,
    } as Insertable<InstancesTable>;
    try {
      await trx.insertInto('instances').values(row).execute();
    } catch (error) {
      if (caps.isUniqueViolation(error)) throw new ConflictError(`instance "${instanceId}" already exists; it was started concurrently`);
      throw error;
    }
    rev = 1;
    lastSeqBefore = 0;
    definitionId = step.instance.definitionId!;
    key = step.instance.key!;
  } else {
    const updated = await trx
      .updateTable('instances')
      .set((eb) => ({
        ...instanceColumns(step.instance),
        rev: eb('rev', '+', 1),
        last_seq: eb('last_seq', '+', n),
      }))
      .where('id', '=', instanceId)
      .where('rev', '=', step.expectedRev)
      .returning(['rev', 'last_seq', 'definition_id', 'key'])
      .executeTakeFirst();
    if (!updated) {
      const exists = await trx.selectFrom('instances').select('rev').where('id', '=', instanceId).executeTakeFirst();
      if (!exists) throw new NotFoundError('instance', instanceId);
      throw new ConflictError(`instance ${instanceId} changed concurrently (expected rev ${step.expectedRev}, found ${exists.rev}); reload and retry`);
    }
    rev = Number(updated.rev);
    lastSeqBefore = Number(updated.last_seq) - n;
    definitionId = updated.definition_id;
    key = updated.key;
  }
  const created = step.expectedRev === null;

  if (step.instance.tokens !== undefined) await replaceTokens(trx, instanceId, step.instance.tokens, created);

  for (const { id, changes } of step.taskUpdates ?? []) {
    const cols = taskChangeColumns(changes);
    if (Object.keys(cols).length === 0) continue;
    const r = await trx.updateTable('tasks').set(cols).where('id', '=', id).where('instance_id', '=', instanceId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('task', id);
    await syncCandidateKeys(trx, [id], cols);
  }
  for (const { id, changes } of step.jobUpdates ?? []) {
    const cols = jobChangeColumns(changes);
    if (Object.keys(cols).length === 0) continue;
    const r = await trx.updateTable('jobs').set(cols).where('id', '=', id).where('instance_id', '=', instanceId).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('job', id);
  }
  for (const part of chunks(step.incidentsRaised ?? [])) {
    await trx.insertInto('incidents').values(part.map(incidentColumns)).execute();
  }
  for (const { id, resolvedAt } of step.incidentsResolved ?? []) {
    await trx.updateTable('incidents').set({ resolved_at: resolvedAt }).where('id', '=', id).execute();
  }

  if (step.waits) await reconcileWaits(trx, instanceId, step.waits, created ? NO_WAITS : await storedWaits(trx, instanceId));

  const events = await appendEvents(trx, caps, instanceId, definitionId, lastSeqBefore, step.events);
  return { result: { rev, events }, process: { key, definitionId, created } };
}

/** `created`: the instance was inserted by this commit, so it has no token rows to delete */
async function replaceTokens(trx: Kysely<Database>, instanceId: string, tokens: TokenCount[], created: boolean): Promise<void> {
  if (!created) await trx.deleteFrom('instance_tokens').where('instance_id', '=', instanceId).execute();
  const counts = new Map<string, number>();
  for (const t of tokens) counts.set(t.elementId, (counts.get(t.elementId) ?? 0) + t.count);
  const rows = [...counts].filter(([, count]) => count > 0).map(([element_id, count]) => ({ instance_id: instanceId, element_id, count }));
  for (const part of chunks(rows)) await trx.insertInto('instance_tokens').values(part).execute();
}

type StoredWaits = Record<'task' | 'timer' | 'subscription' | 'job', { id: string; execution_id: string }[]>;
/** a new instance has no rows yet: nothing to read */
const NO_WAITS: StoredWaits = { task: [], timer: [], subscription: [], job: [] };

/** the instance's open tasks, timers, subscriptions and jobs, in one statement (one round trip) */
async function storedWaits(trx: Kysely<Database>, instanceId: string): Promise<StoredWaits> {
  const rows = await trx
    .selectFrom('tasks')
    .select([sql<string>`'task'`.as('kind'), 'id', 'execution_id'])
    .where('instance_id', '=', instanceId)
    .where('status', '=', 'open')
    .unionAll(trx.selectFrom('timers').select([sql<string>`'timer'`.as('kind'), 'id', 'execution_id']).where('instance_id', '=', instanceId))
    .unionAll(trx.selectFrom('subscriptions').select([sql<string>`'subscription'`.as('kind'), 'id', 'execution_id']).where('instance_id', '=', instanceId))
    .unionAll(trx.selectFrom('jobs').select([sql<string>`'job'`.as('kind'), 'id', 'execution_id']).where('instance_id', '=', instanceId))
    .execute();
  const out: StoredWaits = { task: [], timer: [], subscription: [], job: [] };
  for (const r of rows) out[r.kind as keyof StoredWaits].push({ id: r.id, execution_id: r.execution_id });
  return out;
}

/** Waits are complete sets keyed by executionId: insert new, keep staying rows untouched, drop the rest. */
async function reconcileWaits(trx: Kysely<Database>, instanceId: string, waits: Waits, stored: StoredWaits): Promise<void> {
  const openTasks = stored.task;
  const wantedTasks = new Set(waits.tasks.map((t) => t.executionId));
  const goneTasks = openTasks.filter((t) => !wantedTasks.has(t.execution_id)).map((t) => t.id);
  for (const part of chunks(goneTasks)) {
    await trx.updateTable('tasks').set({ status: 'cancelled' }).where('id', 'in', part).execute();
    await syncCandidateKeys(trx, part, { status: 'cancelled' });
  }
  const openExecutions = new Set(openTasks.map((t) => t.execution_id));
  await insertTasks(trx, waits.tasks.filter((t) => !openExecutions.has(t.executionId)));

  const timers = await dropGoneAndFindNew(trx, 'timers', stored.timer, waits.timers);
  for (const part of chunks(timers)) await trx.insertInto('timers').values(part.map(timerColumns)).execute();
  await rescheduleKeptTimers(trx, instanceId, waits.timers.filter((t) => !timers.includes(t)));
  const subscriptions = await dropGoneAndFindNew(trx, 'subscriptions', stored.subscription, waits.subscriptions);
  for (const part of chunks(subscriptions)) await trx.insertInto('subscriptions').values(part.map(subscriptionColumns)).execute();
  const jobs = await dropGoneAndFindNew(trx, 'jobs', stored.job, waits.jobs);
  for (const part of chunks(jobs)) await trx.insertInto('jobs').values(part.map(jobColumns)).execute();
}

/**
 * A kept timer whose due time changed (a cycle's next run, a task due date moved) is a new schedule:
 * it takes the new time and loses any lease, so the scheduler fires it then and not at the old time.
 */
async function rescheduleKeptTimers(trx: Kysely<Database>, instanceId: string, kept: Waits['timers']): Promise<void> {
  if (kept.length === 0) return;
  const stored = await trx.selectFrom('timers').select(['id', 'execution_id', 'due_at', 'expression']).where('instance_id', '=', instanceId).execute();
  const byExecution = new Map(stored.map((r) => [r.execution_id, r]));
  for (const t of kept) {
    const row = byExecution.get(t.executionId);
    if (!row || (row.due_at === t.dueAt && row.expression === t.expression)) continue;
    await trx.updateTable('timers').set({ due_at: t.dueAt, expression: t.expression, locked_until: null, locked_by: null }).where('id', '=', row.id).execute();
  }
}

/** deletes the instance's rows whose executionId is not wanted; returns the wanted rows not yet stored */
async function dropGoneAndFindNew<W extends { executionId: string }>(
  trx: Kysely<Database>, table: 'timers' | 'subscriptions' | 'jobs', existing: { id: string; execution_id: string }[], wanted: W[],
): Promise<W[]> {
  const wantedExecutions = new Set(wanted.map((w) => w.executionId));
  const gone = existing.filter((e) => !wantedExecutions.has(e.execution_id)).map((e) => e.id);
  for (const part of chunks(gone)) await trx.deleteFrom(table).where('id', 'in', part).execute();
  const existingExecutions = new Set(existing.map((e) => e.execution_id));
  return wanted.filter((w) => !existingExecutions.has(w.executionId));
}

async function insertTasks(trx: Kysely<Database>, tasks: TaskRow[]): Promise<void> {
  for (const part of chunks(tasks)) await trx.insertInto('tasks').values(part.map(taskColumns)).execute();
  const candidates = tasks.flatMap(candidateRows);
  for (const part of chunks(candidates)) await trx.insertInto('task_candidates').values(part).execute();
}

async function appendEvents(
  trx: Kysely<Database>, caps: StoreCapabilities, instanceId: string, definitionId: string, lastSeqBefore: number, events: NewRuntimeEvent[],
): Promise<StoredEvent[]> {
  if (events.length === 0) return [];
  const numbered = events.map((e, i) => ({ ...e, seq: lastSeqBefore + i + 1 }) as RuntimeEvent);
  const rows: Insertable<EventsTable>[] = numbered.map((e) => ({
    instance_id: instanceId,
    definition_id: definitionId,
    seq: e.seq,
    type: e.type,
    element_id: 'elementId' in e && typeof e.elementId === 'string' ? e.elementId : null,
    at: e.at,
    actor: e.actor ?? null,
    duration_ms: e.type === 'activity.completed' && typeof e.durationMs === 'number' ? e.durationMs : null,
    payload: JSON.stringify(e),
  }));
  await caps.beforeEventAppend(trx);
  const gidBySeq = new Map<number, number>();
  for (const part of chunks(rows)) {
    const inserted = await trx.insertInto('events').values(part).returning(['gid', 'seq']).execute();
    for (const r of inserted) gidBySeq.set(Number(r.seq), Number(r.gid));
  }
  return numbered.map((event) => ({ gid: gidBySeq.get(event.seq)!, event }));
}
