/**
 * The list queries with filters and keyset pagination. A cursor is an opaque base64url of the last
 * row's sort key and id, so a page never repeats or skips rows when new rows arrive meanwhile.
 */
import type { InstanceStatus } from '@baton/shared';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { BadRequestError } from '../errors.js';
import type { Database } from './db-schema.js';
import { toInstance, toTask } from './row-mappers.js';
import { instanceMatches } from './variable-index.js';
import type { InstanceFilter, InstanceRow, Page, TaskFilter, TaskRow } from './store.js';

export const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

const encodeCursor = (sortKey: string, id: string): string => Buffer.from(JSON.stringify([sortKey, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // fall through
  }
  throw new BadRequestError('the list cursor is not valid; request the first page again without a cursor');
}

const pageLimit = (limit: number | undefined): number => Math.min(Math.max(Math.trunc(limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);

function toPage<T>(rows: T[], limit: number, cursorOf: (row: T) => string): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  return { items, nextCursor: cursorOf(items[items.length - 1]) };
}

export async function listInstances(db: Kysely<Database>, f: InstanceFilter): Promise<Page<InstanceRow>> {
  const limit = pageLimit(f.limit);
  let q = db.selectFrom('instances').selectAll('instances');
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.key !== undefined) q = q.where('key', '=', f.key);
  if (f.version !== undefined) q = q.where('version', '=', f.version);
  if (f.definitionId !== undefined) q = q.where('definition_id', '=', f.definitionId);
  if (f.businessKey !== undefined) q = q.where('business_key', '=', f.businessKey);
  if (f.parentInstanceId !== undefined) q = q.where('parent_instance_id', '=', f.parentInstanceId);
  if (f.startedAfter !== undefined) q = q.where('started_at', '>=', f.startedAfter);
  if (f.startedBefore !== undefined) q = q.where('started_at', '<=', f.startedBefore);
  if (f.hasIncident !== undefined) {
    const want = f.hasIncident;
    q = q.where(({ exists, not, selectFrom }) => {
      const open = exists(selectFrom('incidents').select('incidents.id').whereRef('incidents.instance_id', '=', 'instances.id').where('incidents.resolved_at', 'is', null));
      return want ? open : not(open);
    });
  }
  for (const condition of f.variables ?? []) q = q.where((eb) => instanceMatches(eb, condition));
  const elementId = f.elementId;
  if (elementId !== undefined) {
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('instance_tokens').select('instance_tokens.instance_id').whereRef('instance_tokens.instance_id', '=', 'instances.id').where('instance_tokens.element_id', '=', elementId)),
    );
  }
  if (f.cursor !== undefined) {
    const [startedAt, id] = decodeCursor(f.cursor);
    q = q.where((eb) => eb.or([eb('started_at', '<', startedAt), eb.and([eb('started_at', '=', startedAt), eb('id', '<', id)])]));
  }
  const rows = await q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  return toPage(rows.map(toInstance), limit, (r) => encodeCursor(r.startedAt, r.id));
}

export async function listTasks(db: Kysely<Database>, f: TaskFilter): Promise<Page<TaskRow>> {
  const limit = pageLimit(f.limit);
  let q = db.selectFrom('tasks').selectAll('tasks');
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.assignee !== undefined) q = q.where('assignee', '=', f.assignee);
  if (f.unassigned) q = q.where('assignee', 'is', null);
  if (f.instanceId !== undefined) q = q.where('instance_id', '=', f.instanceId);
  const candidate = (eb: ExpressionBuilder<Database, 'tasks'>, kind: 'user' | 'group', names: string[]) =>
    eb.selectFrom('task_candidates').select('task_candidates.task_id').whereRef('task_candidates.task_id', '=', 'tasks.id').where('task_candidates.kind', '=', kind).where('task_candidates.name', 'in', names);
  if (f.candidateGroup !== undefined) q = q.where((eb) => eb.exists(candidate(eb, 'group', [f.candidateGroup!])));
  if (f.candidateUser !== undefined) q = q.where((eb) => eb.exists(candidate(eb, 'user', [f.candidateUser!])));
  const visibleTo = f.visibleTo;
  if (visibleTo !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('assignee', '=', visibleTo.username),
        eb.exists(candidate(eb, 'user', [visibleTo.username])),
        ...(visibleTo.groups.length > 0 ? [eb.exists(candidate(eb, 'group', visibleTo.groups))] : []),
      ]),
    );
  }
  if (f.cursor !== undefined) {
    const [createdAt, id] = decodeCursor(f.cursor);
    q = q.where((eb) => eb.or([eb('created_at', '<', createdAt), eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)])]));
  }
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
  return toPage(rows.map(toTask), limit, (r) => encodeCursor(r.createdAt, r.id));
}

export async function elementStats(db: Kysely<Database>, definitionId: string) {
  const rows = await db
    .selectFrom('events')
    .select((eb) => [
      'element_id',
      eb.fn.sum<number>(eb.case().when('type', '=', 'activity.entered').then(1).else(0).end()).as('entered'),
      eb.fn.sum<number>(eb.case().when('type', '=', 'activity.completed').then(1).else(0).end()).as('completed'),
      eb.fn.avg<number | null>('duration_ms').as('avg_duration_ms'),
    ])
    .where('definition_id', '=', definitionId)
    .where('type', 'in', ['activity.entered', 'activity.completed'])
    .where('element_id', 'is not', null)
    .groupBy('element_id')
    .orderBy('element_id')
    .execute();
  return rows.map((r) => ({
    elementId: r.element_id!,
    entered: Number(r.entered),
    completed: Number(r.completed),
    avgDurationMs: r.avg_duration_ms === null ? null : Number(r.avg_duration_ms),
  }));
}

export async function countInstancesByStatus(db: Kysely<Database>, filter?: { key?: string }) {
  let q = db.selectFrom('instances').select((eb) => ['key', 'status', eb.fn.countAll<number>().as('count')]);
  if (filter?.key !== undefined) q = q.where('key', '=', filter.key);
  const rows = await q.groupBy(['key', 'status']).orderBy('key').orderBy('status').execute();
  return rows.map((r) => ({ key: r.key, status: r.status as InstanceStatus, count: Number(r.count) }));
}
