/**
 * The inbox's task queries and saved filters. Tasks are listed with their process (key, name,
 * version) and business key, filtered, sorted by created / due / follow-up / priority and paged by
 * keyset: the cursor is the last row's sort key and id, so a page never repeats or skips a task when
 * new tasks arrive meanwhile. Tasks without a due (follow-up) date sort after every dated task.
 *
 * Variable conditions are evaluated on the instance's variables in memory, scanning rows in sort
 * order: a page then holds fewer items when few rows match, but its cursor still continues after the
 * last row looked at, so paging stays correct; at most SCAN_MAX rows are examined per call.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { TaskQuery } from '@baton/shared';
import { BadRequestError } from '../errors.js';
import type { Database } from './db-schema.js';
import { toTask } from './row-mappers.js';
import type { InboxTaskRow, Page, SavedFilterRow, TaskFilter } from './store.js';
import { matchesConditions } from './variable-conditions.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
const SCAN_BATCH = 200;
const SCAN_MAX = 5_000;
/** stands in for "no date" so undated tasks sort last in ascending order */
const NO_DATE = '9999-12-31T23:59:59.999Z';

type Tables = 'tasks' | 'instances' | 'definitions';
type Eb = ExpressionBuilder<Database, Tables>;

interface SortSpec {
  expr: RawBuilder<string | number>;
  dir: 'asc' | 'desc';
  numeric: boolean;
}

function sortSpec(f: TaskFilter): SortSpec {
  const sort = f.sort ?? 'created';
  const dir = f.order ?? (sort === 'created' || sort === 'priority' ? 'desc' : 'asc');
  switch (sort) {
    case 'created':
      return { expr: sql<string>`${sql.ref('tasks.created_at')}`, dir, numeric: false };
    case 'due':
      return { expr: sql<string>`coalesce(${sql.ref('tasks.due_at')}, ${NO_DATE})`, dir, numeric: false };
    case 'followUp':
      return { expr: sql<string>`coalesce(${sql.ref('tasks.follow_up_at')}, ${NO_DATE})`, dir, numeric: false };
    case 'priority':
      return { expr: sql<number>`${sql.ref('tasks.priority')}`, dir, numeric: true };
    default: {
      const unreachable: never = sort;
      return unreachable;
    }
  }
}

const encodeCursor = (key: string | number, id: string) => Buffer.from(JSON.stringify([key, id])).toString('base64url');

function decodeCursor(cursor: string): [string | number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && (typeof value[0] === 'string' || typeof value[0] === 'number') && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // fall through
  }
  throw new BadRequestError('the task list cursor is not valid; request the first page again without a cursor');
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** every filter of TaskFilter except variables, as one condition */
function filterCondition(eb: Eb, f: TaskFilter): Expression<SqlBool> {
  const conds: Expression<SqlBool>[] = [];
  const candidate = (kind: 'user' | 'group', names: string[]) =>
    eb.exists(
      eb.selectFrom('task_candidates').select('task_candidates.task_id').whereRef('task_candidates.task_id', '=', 'tasks.id').where('task_candidates.kind', '=', kind).where('task_candidates.name', 'in', names),
    );
  const who = (input: { username: string; groups: string[] }) => [candidate('user', [input.username]), ...(input.groups.length ? [candidate('group', input.groups)] : [])];
  if (f.status !== undefined) conds.push(eb('tasks.status', '=', f.status));
  if (f.assignee !== undefined) conds.push(eb('tasks.assignee', '=', f.assignee));
  if (f.unassigned) conds.push(eb('tasks.assignee', 'is', null));
  if (f.instanceId !== undefined) conds.push(eb('tasks.instance_id', '=', f.instanceId));
  if (f.candidateGroup !== undefined) conds.push(candidate('group', [f.candidateGroup]));
  if (f.candidateUser !== undefined) conds.push(candidate('user', [f.candidateUser]));
  if (f.candidateOf !== undefined) conds.push(eb.or(who(f.candidateOf)));
  if (f.visibleTo !== undefined) conds.push(eb.or([eb('tasks.assignee', '=', f.visibleTo.username), eb('tasks.owner', '=', f.visibleTo.username), ...who(f.visibleTo)]));
  if (f.processKey !== undefined) conds.push(eb('instances.key', '=', f.processKey));
  if (f.businessKey !== undefined) conds.push(eb('instances.business_key', '=', f.businessKey));
  if (f.taskName !== undefined && f.taskName.trim() !== '') {
    conds.push(sql<SqlBool>`lower(${sql.ref('tasks.name')}) like ${`%${escapeLike(f.taskName.trim().toLowerCase())}%`} escape '\\'`);
  }
  if (f.dueBefore !== undefined) conds.push(eb('tasks.due_at', '<', f.dueBefore));
  if (f.dueAfter !== undefined) conds.push(eb('tasks.due_at', '>', f.dueAfter));
  if (f.overdueAt !== undefined) conds.push(eb.and([eb('tasks.status', '=', 'open'), eb('tasks.due_at', '<', f.overdueAt)]));
  if (f.priorityMin !== undefined) conds.push(eb('tasks.priority', '>=', f.priorityMin));
  if (f.priorityMax !== undefined) conds.push(eb('tasks.priority', '<=', f.priorityMax));
  if (f.createdAfter !== undefined) conds.push(eb('tasks.created_at', '>=', f.createdAfter));
  if (f.createdBefore !== undefined) conds.push(eb('tasks.created_at', '<', f.createdBefore));
  return eb.and(conds);
}

const joined = (db: Kysely<Database>) =>
  db.selectFrom('tasks').innerJoin('instances', 'instances.id', 'tasks.instance_id').innerJoin('definitions', 'definitions.id', 'tasks.definition_id');

export async function listInboxTasks(db: Kysely<Database>, f: TaskFilter): Promise<Page<InboxTaskRow>> {
  const limit = Math.min(Math.max(Math.trunc(f.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
  const spec = sortSpec(f);
  const conditions = f.variables?.length ? f.variables : undefined;
  const batch = conditions ? SCAN_BATCH : limit + 1;
  const matched: { row: InboxTaskRow; key: string | number }[] = [];
  let after = f.cursor !== undefined ? decodeCursor(f.cursor) : undefined;
  let scanned = 0;
  for (;;) {
    const cursor = after;
    const cmp = spec.dir === 'asc' ? '>' : '<';
    const rows = await joined(db)
      .selectAll('tasks')
      .select(['instances.key as process_key', 'instances.version as process_version', 'instances.business_key as business_key', 'instances.variables as variables', 'definitions.name as process_name'])
      .select(spec.expr.as('sort_key') as never)
      .where((eb) => filterCondition(eb, f))
      .$if(cursor !== undefined, (q) =>
        q.where((eb) => {
          const [key, id] = cursor!;
          const value = spec.numeric ? Number(key) : String(key);
          return eb.or([eb(spec.expr, cmp, value), eb.and([eb(spec.expr, '=', value), eb('tasks.id', cmp, id)])]);
        }),
      )
      .orderBy(spec.expr, spec.dir)
      .orderBy('tasks.id', spec.dir)
      .limit(batch)
      .execute();
    for (const r of rows as unknown as (Parameters<typeof toTask>[0] & { process_key: string; process_version: number; business_key: string | null; variables: string; process_name: string; sort_key: string | number })[]) {
      scanned += 1;
      const key = spec.numeric ? Number(r.sort_key) : String(r.sort_key);
      after = [key, r.id];
      if (conditions && !matchesConditions(JSON.parse(r.variables) as Record<string, unknown>, conditions)) continue;
      matched.push({
        row: { ...toTask(r), processKey: r.process_key, processName: r.process_name, processVersion: Number(r.process_version), businessKey: r.business_key },
        key,
      });
      if (matched.length > limit) break;
    }
    if (matched.length > limit) {
      const items = matched.slice(0, limit);
      const last = items[items.length - 1];
      return { items: items.map((m) => m.row), nextCursor: encodeCursor(last.key, last.row.id) };
    }
    if (rows.length < batch) return { items: matched.map((m) => m.row) };
    if (scanned >= SCAN_MAX) return { items: matched.map((m) => m.row), nextCursor: encodeCursor(after![0], after![1]) };
  }
}

export async function countTasks(db: Kysely<Database>, f: TaskFilter): Promise<number> {
  if (f.variables?.length) {
    const rows = await joined(db).select(['tasks.id', 'instances.variables']).where((eb) => filterCondition(eb, f)).limit(SCAN_MAX * 2).execute();
    return rows.filter((r) => matchesConditions(JSON.parse(r.variables) as Record<string, unknown>, f.variables)).length;
  }
  const r = await joined(db).select((eb) => eb.fn.countAll<number>().as('n')).where((eb) => filterCondition(eb, f)).executeTakeFirstOrThrow();
  return Number(r.n);
}

// ---------- saved filters ----------

type FilterRecord = { id: string; name: string; owner: string; shared_with_group: string | null; query: string; created_at: string; updated_at: string };

const toFilter = (r: FilterRecord): SavedFilterRow => ({
  id: r.id,
  name: r.name,
  owner: r.owner,
  sharedWithGroup: r.shared_with_group,
  query: JSON.parse(r.query) as TaskQuery,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function saveFilter(db: Kysely<Database>, row: SavedFilterRow): Promise<SavedFilterRow> {
  const values = { name: row.name, owner: row.owner, shared_with_group: row.sharedWithGroup, query: JSON.stringify(row.query), updated_at: row.updatedAt };
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('saved_filters').select('id').where('id', '=', row.id).executeTakeFirst();
    if (existing) await trx.updateTable('saved_filters').set(values).where('id', '=', row.id).execute();
    else await trx.insertInto('saved_filters').values({ ...values, id: row.id, created_at: row.createdAt }).execute();
  });
  return (await getFilter(db, row.id))!;
}

export async function getFilter(db: Kysely<Database>, id: string): Promise<SavedFilterRow | undefined> {
  const r = await db.selectFrom('saved_filters').selectAll().where('id', '=', id).executeTakeFirst();
  return r && toFilter(r);
}

export async function listFilters(db: Kysely<Database>, input: { owner: string; groups: string[] }): Promise<SavedFilterRow[]> {
  const rows = await db
    .selectFrom('saved_filters')
    .selectAll()
    .where((eb) => eb.or([eb('owner', '=', input.owner), ...(input.groups.length ? [eb('shared_with_group', 'in', input.groups)] : [])]))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toFilter);
}

export async function deleteFilter(db: Kysely<Database>, id: string): Promise<boolean> {
  const r = await db.deleteFrom('saved_filters').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
