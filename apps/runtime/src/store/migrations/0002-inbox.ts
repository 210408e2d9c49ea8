/**
 * The task inbox: delegation (a task's owner and delegation state), saved task filters (private or
 * shared with a group), and indexes for the inbox's sorts (due, follow-up, priority) and filters.
 */
import type { Kysely, Migration } from 'kysely';

export function inboxSchema(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('tasks').addColumn('owner', 'text').execute();
      await db.schema.alterTable('tasks').addColumn('delegation_state', 'text').execute();
      await db.schema.createIndex('tasks_due_idx').on('tasks').columns(['status', 'due_at', 'id']).execute();
      await db.schema.createIndex('tasks_follow_up_idx').on('tasks').columns(['status', 'follow_up_at', 'id']).execute();
      await db.schema.createIndex('tasks_priority_idx').on('tasks').columns(['status', 'priority', 'id']).execute();
      await db.schema.createIndex('tasks_owner_idx').on('tasks').columns(['owner', 'status']).execute();

      await db.schema
        .createTable('saved_filters')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        .addColumn('shared_with_group', 'text')
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('saved_filters_owner_idx').on('saved_filters').columns(['owner', 'name']).execute();
      await db.schema.createIndex('saved_filters_group_idx').on('saved_filters').columns(['shared_with_group', 'name']).execute();
    },
  };
}
