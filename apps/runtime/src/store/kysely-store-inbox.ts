/**
 * The inbox's task queries and saved filters. Tasks are listed with their process (key, name,
 * version) and business key, filtered, sorted by created / due / follow-up / priority and paged by
 * keyset: the cursor is the last row's sort key and id, so a page never repeats or skips a task when
 * new tasks arrive meanwhile. Ties on the sort key are broken by id in the same direction. Tasks
 * without a due (follow-up) date carry the key UNDATED, after every dated task in ascending order.
 * Which rows are read, and from which indexes, is kysely-store-inbox-hits.ts.
 *
 * Variable conditions are evaluated on the instance's variables in memory, scanning rows in sort
 * order: a page then holds fewer items when few rows match, but its cursor still continues after the
 * last row looked at, so paging stays correct; at most SCAN_MAX rows are examined per call.
 */
import type { Kysely } from 'kysely';
import type { TaskQuery } from '@baton/shared';
import { BadRequestError } from '../errors.js';
import type { Database } from './db-schema.js';
import { hits, sortSpec } from './kysely-store-inbox-hits.js';
import { toTask } from './row-mappers.js';
import type { InboxTaskRow, Page, SavedFilterRow, TaskFilter } from './store.js';
import { matchesConditions } from './variable-conditions.js';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
const SCAN_BATCH = 200;
const SCAN_MAX = 5_000;

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

type ListedRow = Parameters<typeof toTask>[0] & { process_key: string; process_version: number; business_key: string | null; variables: string; process_name: string; sort_key: string | number };

export async function listInboxTasks(db: Kysely<Database>, f: TaskFilter): Promise<Page<InboxTaskRow>> {
  const limit = Math.min(Math.max(Math.trunc(f.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
  const spec = sortSpec(f);
  const conditions = f.variables?.length ? f.variables : undefined;
  const batch = conditions ? SCAN_BATCH : limit + 1;
  const matched: { row: InboxTaskRow; key: string | number }[] = [];
  let after = f.cursor !== undefined ? decodeCursor(f.cursor) : undefined;
  let scanned = 0;
  for (;;) {
    const rows = (await db
      .selectFrom(hits(db, f, { spec, ...(after ? { after } : {}), limit: batch }).as('hit'))
      .crossJoin('tasks')
      .crossJoin('instances')
      .crossJoin('definitions')
      .whereRef('tasks.id', '=', 'hit.id')
      .whereRef('instances.id', '=', 'tasks.instance_id')
      .whereRef('definitions.id', '=', 'tasks.definition_id')
      .selectAll('tasks')
      .select(['instances.key as process_key', 'instances.version as process_version', 'instances.business_key as business_key', 'instances.variables as variables', 'definitions.name as process_name', 'hit.sort_key'])
      .orderBy('hit.sort_key', spec.dir)
      .orderBy('hit.id', spec.dir)
      .limit(batch)
      .execute()) as unknown as ListedRow[];
    for (const r of rows) {
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
      const last = items[items.length - 1]!;
      return { items: items.map((m) => m.row), nextCursor: encodeCursor(last.key, last.row.id) };
    }
    if (rows.length < batch) return { items: matched.map((m) => m.row) };
    if (scanned >= SCAN_MAX) return { items: matched.map((m) => m.row), nextCursor: encodeCursor(after![0], after![1]) };
  }
}

export async function countTasks(db: Kysely<Database>, f: TaskFilter): Promise<number> {
  if (f.variables?.length) {
    const rows = await db
      .selectFrom(hits(db, f).as('hit'))
      .innerJoin('tasks', 'tasks.id', 'hit.id')
      .innerJoin('instances', 'instances.id', 'tasks.instance_id')
      .select(['tasks.id', 'instances.variables'])
      .limit(SCAN_MAX * 2)
      .execute();
    return rows.filter((r) => matchesConditions(JSON.parse(r.variables) as Record<string, unknown>, f.variables)).length;
  }
  const r = await db.selectFrom(hits(db, f).as('hit')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
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
