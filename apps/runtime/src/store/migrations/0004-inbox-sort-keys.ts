/**
 * An index-driven inbox. A group member's list is the union of a few sources (candidate user, each
 * candidate group, assignee, owner); each source must deliver its open tasks already in the list's
 * sort order, so a page reads `limit` rows per source instead of every open task. For that:
 *
 * - task_candidates carries a copy of its task's status and sort columns (created, due, follow-up,
 *   priority), kept equal by the write path (kysely-store-commit.ts), with one index per sort on
 *   (kind, name, status, sort key, task_id). The old (kind, name, task_id) index is their prefix.
 * - "no due date sorts last" is the sort key coalesce(due_at, UNDATED): indexed as that expression on
 *   tasks and task_candidates, so the query must spell it with the same literal (never a parameter).
 *   The (status, due_at, id) and (status, follow_up_at, id) indexes are superseded by these; range
 *   filters on due_at keep tasks_open_due_idx.
 * - the assignee index ends in id, so "mine" sorted by created is read in index order, ties included.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** the sort key of a task without a due (follow-up) date: after every real date, ascending */
export const UNDATED = '9999-12-31T23:59:59.999Z';

const key = (column: string) => sql`coalesce(${sql.ref(column)}, ${sql.lit(UNDATED)})`;

export function inboxSortKeysSchema(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const [column, type] of [['status', 'text'], ['created_at', 'text'], ['due_at', 'text'], ['follow_up_at', 'text'], ['priority', 'integer']] as const) {
        await db.schema.alterTable('task_candidates').addColumn(column, type).execute();
      }
      await sql`update task_candidates set (status, created_at, due_at, follow_up_at, priority) =
        (select t.status, t.created_at, t.due_at, t.follow_up_at, t.priority from tasks t where t.id = task_candidates.task_id)`.execute(db);

      const candidates = (name: string, sortKey: ReturnType<typeof sql>) =>
        sql`create index ${sql.id(name)} on task_candidates (kind, name, status, ${sortKey}, task_id)`.execute(db);
      await candidates('task_candidates_created_idx', sql.ref('created_at'));
      await candidates('task_candidates_due_idx', key('due_at'));
      await candidates('task_candidates_follow_up_idx', key('follow_up_at'));
      await candidates('task_candidates_priority_idx', sql.ref('priority'));
      await db.schema.dropIndex('task_candidates_inbox_idx').execute();

      await sql`create index tasks_due_key_idx on tasks (status, ${key('due_at')}, id)`.execute(db);
      await sql`create index tasks_follow_up_key_idx on tasks (status, ${key('follow_up_at')}, id)`.execute(db);
      await db.schema.dropIndex('tasks_due_idx').execute();
      await db.schema.dropIndex('tasks_follow_up_idx').execute();
      await db.schema.createIndex('tasks_assignee_created_idx').on('tasks').columns(['assignee', 'status', 'created_at', 'id']).execute();
      await db.schema.dropIndex('tasks_assignee_idx').execute();
    },
  };
}
