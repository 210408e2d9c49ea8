/**
 * KyselyStore's monitoring queries and the two projections written inside commitStep's transaction:
 * the operations log (from the step's events) and the instance variable index (from its variables).
 * Cursors are keyset: an operations page never repeats or skips rows while new ones are appended.
 */
import type { InstanceStatus } from '@baton/shared';
import { sql, type Kysely } from 'kysely';
import { BadRequestError } from '../errors.js';
import type { Database } from './db-schema.js';
import type { MonitorStore, OperationFilter, OperationRecord, OperationRow } from './monitor-store.js';
import type { CommittedProcess } from './kysely-store-commit.js';
import { operationsOf, type OperationInsert } from './operations-projection.js';
import type { Page, StepCommit } from './store.js';
import { variableIndexRows, type VariableIndexRow } from './variable-index.js';

const CHUNK = 200;
const MAX_LIMIT = 500;
/** "YYYY-MM-DDTHH:MM" of an ISO time; literal (not bound) so PostgreSQL sees the same expression in GROUP BY */
const MINUTE = sql<string>`substr(at, 1, 16)`;

/**
 * Writes the step's audit rows and re-indexes its variables; call inside commitStep's transaction,
 * after commitStepInTransaction, with the process it wrote (a new instance has no index rows yet).
 */
export async function recordStepProjections(trx: Kysely<Database>, step: StepCommit, process: CommittedProcess): Promise<void> {
  const operations = operationsOf(step.events);
  if (operations.length > 0) {
    const rows: OperationInsert[] = operations.map((o) => ({ ...o, definition_id: process.definitionId, process_key: process.key }));
    for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('operations').values(rows.slice(i, i + CHUNK)).execute();
  }
  if (step.instance.variables !== undefined) {
    const rows = variableIndexRows(step.instanceId, step.instance.variables);
    if (process.created) {
      await insertVariableRows(trx, rows);
    } else if (step.variablesBefore !== undefined) {
      // only the names whose indexed form changed: a step that adds one variable writes one row
      const before = new Map(variableIndexRows(step.instanceId, step.variablesBefore).map((r) => [r.name, r]));
      const names = new Set(rows.map((r) => r.name));
      const changed = rows.filter((r) => !sameIndexRow(before.get(r.name), r));
      const stale = [...[...before.keys()].filter((name) => !names.has(name)), ...changed.filter((r) => before.has(r.name)).map((r) => r.name)];
      for (let i = 0; i < stale.length; i += CHUNK) {
        await trx.deleteFrom('instance_variables').where('instance_id', '=', step.instanceId).where('name', 'in', stale.slice(i, i + CHUNK)).execute();
      }
      await insertVariableRows(trx, changed);
    } else {
      await trx.deleteFrom('instance_variables').where('instance_id', '=', step.instanceId).execute();
      await insertVariableRows(trx, rows);
    }
  }
}

async function insertVariableRows(trx: Kysely<Database>, rows: VariableIndexRow[]) {
  for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto('instance_variables').values(rows.slice(i, i + CHUNK)).execute();
}

function sameIndexRow(a: VariableIndexRow | undefined, b: VariableIndexRow): boolean {
  return !!a && a.kind === b.kind && a.num_value === b.num_value && a.text_value === b.text_value;
}

export async function insertOperation(trx: Kysely<Database>, op: OperationRecord): Promise<void> {
  await trx
    .insertInto('operations')
    .values({
      at: op.at, actor: op.actor, action: op.action, instance_id: null, definition_id: op.definitionId ?? null, process_key: op.processKey ?? null,
      element_id: null, target_id: op.definitionId ?? null, details: JSON.stringify(op.details ?? {}),
    })
    .execute();
}

function decodeCursor(cursor: string): number {
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(n) || n <= 0) throw new BadRequestError('the operations cursor is not valid; request the first page again without a cursor');
  return n;
}

export function monitorQueries(db: Kysely<Database>): MonitorStore {
  return {
    async listOperations(f: OperationFilter): Promise<Page<OperationRow>> {
      const limit = Math.min(Math.max(Math.trunc(f.limit ?? 50), 1), MAX_LIMIT);
      let q = db.selectFrom('operations').selectAll();
      if (f.actor !== undefined) q = q.where('actor', '=', f.actor);
      if (f.action !== undefined) q = q.where('action', '=', f.action);
      if (f.processKey !== undefined) q = q.where('process_key', '=', f.processKey);
      if (f.instanceId !== undefined) q = q.where('instance_id', '=', f.instanceId);
      if (f.from !== undefined) q = q.where('at', '>=', f.from);
      if (f.to !== undefined) q = q.where('at', '<=', f.to);
      if (f.cursor !== undefined) q = q.where('oid', '<', decodeCursor(f.cursor));
      // newest first; oid follows commit order, which is the order the log promises
      const rows = await q.orderBy('oid', 'desc').limit(limit + 1).execute();
      const items = rows.slice(0, limit).map((r) => ({
        id: String(r.oid), at: r.at, actor: r.actor, action: r.action, instanceId: r.instance_id, definitionId: r.definition_id,
        processKey: r.process_key, elementId: r.element_id, targetId: r.target_id, details: JSON.parse(r.details) as Record<string, unknown>,
      }));
      return rows.length > limit ? { items, nextCursor: Buffer.from(String(items[items.length - 1].id)).toString('base64url') } : { items };
    },

    async openIncidentCounts(instanceIds: string[]) {
      const counts = new Map<string, number>();
      for (let i = 0; i < instanceIds.length; i += CHUNK) {
        const part = instanceIds.slice(i, i + CHUNK);
        const rows = await db
          .selectFrom('incidents')
          .select((eb) => ['instance_id', eb.fn.countAll<number>().as('n')])
          .where('resolved_at', 'is', null)
          .where('instance_id', 'in', part)
          .groupBy('instance_id')
          .execute();
        for (const r of rows) counts.set(r.instance_id, Number(r.n));
      }
      return counts;
    },

    async openIncidentsByKey() {
      const rows = await db
        .selectFrom('incidents')
        .innerJoin('instances', 'instances.id', 'incidents.instance_id')
        .select((eb) => ['instances.key as key', eb.fn.countAll<number>().as('n')])
        .where('incidents.resolved_at', 'is', null)
        .groupBy('instances.key')
        .execute();
      return rows.map((r) => ({ key: r.key, count: Number(r.n) }));
    },

    async openTaskCounts(now: string) {
      const r = await db
        .selectFrom('tasks')
        .select((eb) => [
          eb.fn.countAll<number>().as('open'),
          eb.fn.sum<number>(eb.case().when(eb.and([eb('due_at', 'is not', null), eb('due_at', '<', now)])).then(1).else(0).end()).as('overdue'),
        ])
        .where('status', '=', 'open')
        .executeTakeFirst();
      return { open: Number(r?.open ?? 0), overdue: Number(r?.overdue ?? 0) };
    },

    async eventsPerMinute(from: string, types: ('instance.started' | 'instance.completed')[]) {
      const rows = await db
        .selectFrom('events')
        .select((eb) => [MINUTE.as('minute'), 'type', eb.fn.countAll<number>().as('n')])
        .where('type', 'in', types)
        .where('at', '>=', from)
        .groupBy([MINUTE, 'type'])
        .execute();
      return rows.map((r) => ({ minute: r.minute, type: r.type, count: Number(r.n) }));
    },

    async endedInstances(status: InstanceStatus, from: string, limit: number) {
      const rows = await db
        .selectFrom('instances')
        .select(['key', 'started_at', 'ended_at'])
        .where('status', '=', status)
        .where('ended_at', '>=', from)
        .orderBy('ended_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ key: r.key, startedAt: r.started_at, endedAt: r.ended_at! }));
    },

    async taskSla(definitionId: string, now: string, soon: string) {
      const rows = await db
        .selectFrom('tasks')
        .select((eb) => [
          'element_id',
          eb.fn.countAll<number>().as('open'),
          eb.fn.sum<number>(eb.case().when(eb.and([eb('due_at', 'is not', null), eb('due_at', '<', now)])).then(1).else(0).end()).as('overdue'),
          eb.fn.sum<number>(eb.case().when(eb.and([eb('due_at', '>=', now), eb('due_at', '<', soon)])).then(1).else(0).end()).as('due_soon'),
        ])
        .where('definition_id', '=', definitionId)
        .where('status', '=', 'open')
        .groupBy('element_id')
        .orderBy('element_id')
        .execute();
      return rows.map((r) => ({ elementId: r.element_id, open: Number(r.open), overdue: Number(r.overdue), dueSoon: Number(r.due_soon) }));
    },

    async taskDurations() {
      const rows = await db
        .selectFrom('events')
        .innerJoin('definitions', 'definitions.id', 'events.definition_id')
        .select((eb) => ['definitions.key as key', 'events.element_id as element_id', eb.fn.countAll<number>().as('n'), eb.fn.avg<number | null>('events.duration_ms').as('avg')])
        .where('events.type', '=', 'activity.completed')
        .where(({ exists, selectFrom }) =>
          exists(selectFrom('tasks').select('tasks.id').whereRef('tasks.definition_id', '=', 'events.definition_id').whereRef('tasks.element_id', '=', 'events.element_id')),
        )
        .groupBy(['definitions.key', 'events.element_id'])
        .orderBy('definitions.key')
        .orderBy('events.element_id')
        .execute();
      return rows.map((r) => ({ key: r.key, elementId: r.element_id ?? '', completed: Number(r.n), avgDurationMs: r.avg === null ? null : Number(r.avg) }));
    },
  };
}
