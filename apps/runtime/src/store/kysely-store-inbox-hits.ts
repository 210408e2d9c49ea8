/**
 * Which rows a task list reads, index-driven (0004-inbox-sort-keys). A filter restricted to what a
 * user may see is the union of a few sources: their candidate user and each candidate group (rows of
 * task_candidates, which carry their task's status and sort keys), plus, for visibility, the tasks
 * they are assignee or owner of; an instance's or an assignee's tasks are one source. Each candidate
 * source is one index range already in sort order from the cursor on, cut at one page; the union of
 * (id, sort key) is deduplicated and the caller sorts it and cuts it to the page, which is right
 * because the first `limit` tasks of a union are among the first `limit` of its parts. Assignee, owner
 * and instance sources are read by equality and sorted (a person's or an instance's tasks are few),
 * except "mine" by created, which its index holds in order. Every other filter is checked row by row
 * within a source, so cost grows with the page and with the rows a filter rejects, not with the open
 * tasks. A filter without such a restriction (operators) reads the tasks' (status, sort key, id)
 * indexes.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Database } from './db-schema.js';
import { UNDATED } from './migrations/0004-inbox-sort-keys.js';
import type { TaskFilter } from './store.js';

type Eb = ExpressionBuilder<Database, 'tasks' | 'instances'>;
/** the table a source is read from; its sort columns have the same names in both */
type KeyTable = 'tasks' | 'task_candidates';

export interface SortSpec {
  sort: NonNullable<TaskFilter['sort']>;
  /**
   * the sort key on a table, spelled exactly as its index (0004) spells it; `opaque` is the same value
   * written so that no index matches it (`|| ''`, `+ 0`), to keep a planner from reading a whole sort
   * index when an equality index (one person's or one instance's tasks) is the right start
   */
  key: (table: KeyTable, opaque?: boolean) => RawBuilder<string | number>;
  dir: 'asc' | 'desc';
  numeric: boolean;
}

export function sortSpec(f: TaskFilter): SortSpec {
  const sort = f.sort ?? 'created';
  const dir = f.order ?? (sort === 'created' || sort === 'priority' ? 'desc' : 'asc');
  const text = (key: (ref: RawBuilder<unknown>) => RawBuilder<string>) => (table: KeyTable, opaque = false) =>
    opaque ? sql<string>`(${key(sql.ref(table))} || '')` : key(sql.ref(table));
  const column = (name: string) => text((t) => sql<string>`${t}.${sql.ref(name)}`);
  const undated = (name: string) => text((t) => sql<string>`coalesce(${t}.${sql.ref(name)}, ${sql.lit(UNDATED)})`);
  switch (sort) {
    case 'created':
      return { sort, key: column('created_at'), dir, numeric: false };
    case 'due':
      return { sort, key: undated('due_at'), dir, numeric: false };
    case 'followUp':
      return { sort, key: undated('follow_up_at'), dir, numeric: false };
    case 'priority':
      return { sort, key: (table, opaque = false) => (opaque ? sql<number>`(${sql.ref(`${table}.priority`)} + 0)` : sql<number>`${sql.ref(`${table}.priority`)}`), dir, numeric: true };
    default: {
      const unreachable: never = sort;
      return unreachable;
    }
  }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** where a user's tasks come from: one index range each */
type Source = { table: 'tasks'; column: 'assignee' | 'owner' | 'instance_id'; name: string } | { table: 'task_candidates'; kind: 'user' | 'group'; name: string };
/** the filters that restrict by person; a source may make some of them true by construction */
type AccessFilter = 'candidateGroup' | 'candidateUser' | 'candidateOf' | 'visibleTo';

/**
 * Sources whose union holds every task the filter can match, or undefined when an unrestricted filter
 * reads the tasks' own sort indexes. An instance's or an assignee's tasks are one source.
 */
function sourcesOf(f: TaskFilter): Source[] | undefined {
  if (f.instanceId !== undefined) return [{ table: 'tasks', column: 'instance_id', name: f.instanceId }];
  if (f.assignee !== undefined) return [{ table: 'tasks', column: 'assignee', name: f.assignee }];
  const candidates = (kind: 'user' | 'group', names: string[]): Source[] => [...new Set(names)].map((name) => ({ table: 'task_candidates', kind, name }));
  if (f.candidateGroup !== undefined) return candidates('group', [f.candidateGroup]);
  if (f.candidateUser !== undefined) return candidates('user', [f.candidateUser]);
  const who = f.candidateOf ?? f.visibleTo;
  if (who === undefined) return undefined;
  const own: Source[] = f.candidateOf !== undefined ? [] : [
    ...(f.unassigned ? [] : [{ table: 'tasks' as const, column: 'assignee' as const, name: who.username }]),
    { table: 'tasks', column: 'owner', name: who.username },
  ];
  return [...own, ...candidates('user', [who.username]), ...candidates('group', who.groups)];
}

/** the person filters that hold for every task of the source, so need no check there */
function impliedBy(s: Source | undefined, f: TaskFilter): Set<AccessFilter> {
  const implied = new Set<AccessFilter>();
  if (s === undefined) return implied;
  const isCandidate = (who: { username: string; groups: string[] }) =>
    s.table === 'task_candidates' && (s.kind === 'user' ? s.name === who.username : who.groups.includes(s.name));
  if (s.table === 'task_candidates' && s.kind === 'group' && s.name === f.candidateGroup) implied.add('candidateGroup');
  if (s.table === 'task_candidates' && s.kind === 'user' && s.name === f.candidateUser) implied.add('candidateUser');
  if (f.candidateOf && isCandidate(f.candidateOf)) implied.add('candidateOf');
  if (f.visibleTo && (isCandidate(f.visibleTo) || (s.table === 'tasks' && s.column !== 'instance_id' && s.name === f.visibleTo.username))) implied.add('visibleTo');
  return implied;
}

/** every filter of TaskFilter except variables and the implied person filters, as one condition */
function filterCondition(eb: Eb, f: TaskFilter, implied: Set<AccessFilter>): Expression<SqlBool> {
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
  if (f.candidateGroup !== undefined && !implied.has('candidateGroup')) conds.push(candidate('group', [f.candidateGroup]));
  if (f.candidateUser !== undefined && !implied.has('candidateUser')) conds.push(candidate('user', [f.candidateUser]));
  if (f.candidateOf !== undefined && !implied.has('candidateOf')) conds.push(eb.or(who(f.candidateOf)));
  if (f.visibleTo !== undefined && !implied.has('visibleTo')) conds.push(eb.or([eb('tasks.assignee', '=', f.visibleTo.username), eb('tasks.owner', '=', f.visibleTo.username), ...who(f.visibleTo)]));
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

export type Hits = SelectQueryBuilder<Database, never, { id: string; sort_key: string | number }>;

/**
 * The ids and sort keys of one source's matching tasks (all of them without `page`), read in sort
 * order after the cursor. The status equality and the cursor are put on the source's own columns so
 * that its index is one range: (key, id) beyond (k, i) is written as key >= k and (key > k or id > i).
 * Joins are written as CROSS JOIN + WHERE: SQLite then keeps the written order (source first) instead
 * of guessing without statistics that, say, a due-before range on tasks is more selective than one
 * group; PostgreSQL plans them as inner joins by cost as before.
 */
function sourceHits(db: Kysely<Database>, f: TaskFilter, source: Source | undefined, page?: { spec: SortSpec; after?: [string | number, string]; limit: number }): Hits {
  const implied = impliedBy(source, f);
  const table: KeyTable = source?.table ?? 'tasks';
  const idRef = sql.ref<string>(table === 'tasks' ? 'tasks.id' : 'task_candidates.task_id');
  const spec = page?.spec ?? sortSpec(f);
  // a person's (or instance's) tasks on tasks are few: read them by equality and sort them, unless
  // the assignee index already holds them in created order ("mine", the default inbox view)
  const key = spec.key(table, source?.table === 'tasks' && !(source.column === 'assignee' && spec.sort === 'created'));
  const base =
    source?.table === 'task_candidates'
      ? db
          .selectFrom('task_candidates')
          .crossJoin('tasks')
          .whereRef('tasks.id', '=', 'task_candidates.task_id')
          .where('task_candidates.kind', '=', source.kind)
          .where('task_candidates.name', '=', source.name)
          .$if(f.status !== undefined, (q) => q.where('task_candidates.status', '=', f.status!))
      : db.selectFrom('tasks').$if(source?.table === 'tasks', (q) => q.where(`tasks.${(source as { column: 'assignee' | 'owner' | 'instance_id' }).column}`, '=', source!.name));
  // instances only when a filter needs them: joined for nothing, PostgreSQL may hash-join all of them
  const needsInstance = f.processKey !== undefined || f.businessKey !== undefined;
  let q = (base as unknown as SelectQueryBuilder<Database, 'tasks', object>)
    .$if(needsInstance, (b) => b.crossJoin('instances').whereRef('instances.id', '=', 'tasks.instance_id') as unknown as typeof b)
    .select([idRef.as('id'), key.as('sort_key')])
    .where((eb) => filterCondition(eb, f, implied)) as unknown as Hits;
  if (!page) return q;
  if (page.after !== undefined) {
    const [k, id] = page.after;
    const value = spec.numeric ? Number(k) : String(k);
    const [gt, ge] = spec.dir === 'asc' ? (['>', '>='] as const) : (['<', '<='] as const);
    q = q.where((eb) => eb.and([eb(key, ge, value), eb.or([eb(key, gt, value), eb(idRef, gt, id)])]));
  }
  return q.orderBy(key, spec.dir).orderBy(idRef, spec.dir).limit(page.limit);
}

/** the union of the sources (or the one query on tasks) as a derived table of distinct (id, sort_key) */
export function hits(db: Kysely<Database>, f: TaskFilter, page?: { spec: SortSpec; after?: [string | number, string]; limit: number }): Hits {
  const sources = sourcesOf(f) ?? [undefined];
  // each part is wrapped so that its own order and limit stay inside it
  const parts = sources.map((s, i) => db.selectFrom(sourceHits(db, f, s, page).as(`s${i}`)).selectAll() as unknown as Hits);
  return parts.slice(1).reduce((all, part) => all.union(part), parts[0]!);
}
