/**
 * The initial schema, written once with Kysely's schema builder for SQLite and PostgreSQL. JSON is
 * text, dates are ISO-8601 text, booleans are 0/1 integers: identical behaviour on both databases.
 * Every filter of InstanceFilter / TaskFilter and every scheduler poll has an index.
 */
import type { Kysely, Migration } from 'kysely';
import type { StoreCapabilities } from '../store-capabilities.js';

export function initialSchema(caps: StoreCapabilities): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('groups', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

      await db.schema
        .createTable('diagrams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('xml', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();

      await db.schema
        .createTable('definitions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('xml', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('deployed_at', 'text', (c) => c.notNull())
        .addColumn('deployed_by', 'text')
        .addColumn('diagram_id', 'text')
        .addUniqueConstraint('definitions_key_version_uq', ['key', 'version'])
        .addUniqueConstraint('definitions_key_hash_uq', ['key', 'hash'])
        .execute();

      await db.schema
        .createTable('start_triggers')
        .addColumn('definition_id', 'text', (c) => c.notNull().references('definitions.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('element_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('start_triggers_pk', ['definition_id', 'element_id'])
        .execute();
      await db.schema.createIndex('start_triggers_kind_name_idx').on('start_triggers').columns(['kind', 'name']).execute();
      await db.schema.createIndex('start_triggers_key_idx').on('start_triggers').column('key').execute();

      await db.schema
        .createTable('instances')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('definition_id', 'text', (c) => c.notNull().references('definitions.id'))
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('business_key', 'text')
        .addColumn('variables', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text')
        .addColumn('engine_version', 'text', (c) => c.notNull())
        .addColumn('rev', 'integer', (c) => c.notNull())
        .addColumn('last_seq', 'integer', (c) => c.notNull())
        .addColumn('tokens', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text', (c) => c.notNull())
        .addColumn('ended_at', 'text')
        .addColumn('parent_instance_id', 'text')
        .addColumn('parent_execution_id', 'text')
        .execute();
      // lists are ordered (started_at desc, id desc); each filter leads an index with that order
      await db.schema.createIndex('instances_started_idx').on('instances').columns(['started_at', 'id']).execute();
      await db.schema.createIndex('instances_status_idx').on('instances').columns(['status', 'started_at', 'id']).execute();
      await db.schema.createIndex('instances_key_idx').on('instances').columns(['key', 'version', 'started_at', 'id']).execute();
      await db.schema.createIndex('instances_definition_idx').on('instances').columns(['definition_id', 'started_at', 'id']).execute();
      await db.schema.createIndex('instances_business_key_idx').on('instances').columns(['business_key', 'started_at']).execute();
      await db.schema.createIndex('instances_parent_idx').on('instances').columns(['parent_instance_id', 'started_at']).execute();

      await db.schema
        .createTable('instance_tokens')
        .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
        .addColumn('element_id', 'text', (c) => c.notNull())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('instance_tokens_pk', ['instance_id', 'element_id'])
        .execute();
      await db.schema.createIndex('instance_tokens_element_idx').on('instance_tokens').columns(['element_id', 'instance_id']).execute();

      await db.schema
        .createTable('events')
        .addColumn('gid', caps.autoIncrementType, (c) => (caps.autoIncrementKeyword ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
        .addColumn('definition_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('element_id', 'text')
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text')
        .addColumn('duration_ms', 'double precision')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addUniqueConstraint('events_instance_seq_uq', ['instance_id', 'seq'])
        .execute();
      await db.schema.createIndex('events_stats_idx').on('events').columns(['definition_id', 'element_id', 'type']).execute();

      await db.schema
        .createTable('tasks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
        .addColumn('definition_id', 'text', (c) => c.notNull())
        .addColumn('element_id', 'text', (c) => c.notNull())
        .addColumn('execution_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('assignee', 'text')
        .addColumn('candidate_users', 'text', (c) => c.notNull())
        .addColumn('candidate_groups', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text')
        .addColumn('follow_up_at', 'text')
        .addColumn('priority', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('form_key', 'text')
        .addColumn('form_fields', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .addColumn('completed_by', 'text')
        .execute();
      await db.schema.createIndex('tasks_created_idx').on('tasks').columns(['created_at', 'id']).execute();
      await db.schema.createIndex('tasks_status_idx').on('tasks').columns(['status', 'created_at', 'id']).execute();
      await db.schema.createIndex('tasks_assignee_idx').on('tasks').columns(['assignee', 'status', 'created_at']).execute();
      await db.schema.createIndex('tasks_instance_idx').on('tasks').columns(['instance_id', 'execution_id']).execute();

      await db.schema
        .createTable('task_candidates')
        .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('task_candidates_pk', ['task_id', 'kind', 'name'])
        .execute();
      await db.schema.createIndex('task_candidates_inbox_idx').on('task_candidates').columns(['kind', 'name', 'task_id']).execute();

      await db.schema
        .createTable('timers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
        .addColumn('element_id', 'text', (c) => c.notNull())
        .addColumn('execution_id', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('expression', 'text')
        .addColumn('locked_until', 'text')
        .addColumn('locked_by', 'text')
        .execute();
      await db.schema.createIndex('timers_due_idx').on('timers').columns(['due_at', 'locked_until']).execute();
      await db.schema.createIndex('timers_instance_idx').on('timers').columns(['instance_id', 'execution_id']).execute();

      await db.schema
        .createTable('subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
        .addColumn('element_id', 'text', (c) => c.notNull())
        .addColumn('execution_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('business_key', 'text')
        .execute();
      await db.schema.createIndex('subscriptions_name_idx').on('subscriptions').columns(['kind', 'name', 'business_key']).execute();
      await db.schema.createIndex('subscriptions_instance_idx').on('subscriptions').columns(['instance_id', 'execution_id']).execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
        .addColumn('definition_id', 'text', (c) => c.notNull())
        .addColumn('element_id', 'text', (c) => c.notNull())
        .addColumn('execution_id', 'text', (c) => c.notNull())
        .addColumn('topic', 'text', (c) => c.notNull())
        .addColumn('variables', 'text', (c) => c.notNull())
        .addColumn('retries', 'integer')
        .addColumn('worker_id', 'text')
        .addColumn('lock_expires_at', 'text')
        .addColumn('available_at', 'text', (c) => c.notNull())
        .addColumn('error_message', 'text')
        .addColumn('error_details', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('jobs_available_idx').on('jobs').columns(['topic', 'available_at', 'lock_expires_at']).execute();
      await db.schema.createIndex('jobs_instance_idx').on('jobs').columns(['instance_id', 'execution_id']).execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
        .addColumn('definition_id', 'text', (c) => c.notNull())
        .addColumn('element_id', 'text', (c) => c.notNull())
        .addColumn('job_id', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('details', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('resolved_at', 'text')
        .execute();
      await db.schema.createIndex('incidents_instance_idx').on('incidents').columns(['instance_id', 'created_at']).execute();
      await db.schema.createIndex('incidents_definition_idx').on('incidents').columns(['definition_id', 'element_id']).execute();
    },
  };
}
