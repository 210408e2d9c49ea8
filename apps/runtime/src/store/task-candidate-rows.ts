/**
 * Rows of task_candidates: one per distinct candidate user and group of a task, each carrying a copy of
 * the task's status and sort columns (0004-inbox-sort-keys) so that the inbox reads a candidate's
 * tasks in list order from one index. Every write of those task columns must go through
 * `candidateKeyChanges` and update the task's candidate rows in the same transaction.
 */
import type { Insertable, Kysely } from 'kysely';
import type { Database, TaskCandidatesTable, TasksTable } from './db-schema.js';
import type { TaskRow } from './store.js';

export function candidateRows(t: TaskRow): Insertable<TaskCandidatesTable>[] {
  const keys = { status: t.status, created_at: t.createdAt, due_at: t.dueAt ?? null, follow_up_at: t.followUpAt ?? null, priority: t.priority };
  return [
    ...[...new Set(t.candidateUsers ?? [])].map((name) => ({ task_id: t.id, kind: 'user' as const, name, ...keys })),
    ...[...new Set(t.candidateGroups ?? [])].map((name) => ({ task_id: t.id, kind: 'group' as const, name, ...keys })),
  ];
}

/** copies the changed status / sort columns of tasks onto their candidate rows (nothing when none changed) */
export async function syncCandidateKeys(trx: Kysely<Database>, taskIds: string[], cols: Partial<Insertable<TasksTable>>): Promise<void> {
  const keys: Partial<Insertable<TaskCandidatesTable>> = {};
  if (cols.status !== undefined) keys.status = cols.status;
  if (cols.due_at !== undefined) keys.due_at = cols.due_at;
  if (cols.follow_up_at !== undefined) keys.follow_up_at = cols.follow_up_at;
  if (cols.priority !== undefined) keys.priority = cols.priority;
  if (Object.keys(keys).length === 0 || taskIds.length === 0) return;
  await trx.updateTable('task_candidates').set(keys).where('task_id', 'in', taskIds).execute();
}
