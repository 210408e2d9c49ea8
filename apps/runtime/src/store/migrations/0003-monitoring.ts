/**
 * Monitoring: the operations log (append-only audit trail of commands, deploys included), an index of
 * top-level instance variables for the instance list's variable filters, and indexes for the
 * dashboard's queries (events per type and time, open incidents, overdue tasks, started_at ranges).
 * Existing instances get their variables indexed here, so filters work on old data too.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import type { StoreCapabilities } from '../store-capabilities.js';
import { variableIndexRows } from '../variable-index.js';

export function monitoringSchema(caps: StoreCapabilities): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('operations')
        .addColumn('oid', caps.autoIncrementType, (c) => (caps.autoIncrementKeyword ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('instance_id', 'text')
        .addColumn('definition_id', 'text')
        .addColumn('process_key', 'text')
        .addColumn('element_id', 'text')
        .addColumn('target_id', 'text')
        .addColumn('details', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('operations_at_idx').on('operations').columns(['at', 'oid']).execute();
      await db.schema.createIndex('operations_actor_idx').on('operations').columns(['actor', 'at']).execute();
      await db.schema.createIndex('operations_action_idx').on('operations').columns(['action', 'at']).execute();
      await db.schema.createIndex('operations_process_idx').on('operations').columns(['process_key', 'at']).execute();
      await db.schema.createIndex('operations_instance_idx').on('operations').columns(['instance_id', 'at']).execute();

      await db.schema
        .createTable('instance_variables')
        .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('num_value', 'double precision')
        .addColumn('text_value', 'text')
        .addPrimaryKeyConstraint('instance_variables_pk', ['instance_id', 'name'])
        .execute();
      await db.schema.createIndex('instance_variables_num_idx').on('instance_variables').columns(['name', 'num_value']).execute();
      await db.schema.createIndex('instance_variables_text_idx').on('instance_variables').columns(['name', 'text_value']).execute();

      await db.schema.createIndex('events_type_at_idx').on('events').columns(['type', 'at']).execute();
      await db.schema.createIndex('incidents_open_idx').on('incidents').columns(['resolved_at', 'instance_id']).execute();
      await db.schema.createIndex('tasks_open_due_idx').on('tasks').columns(['status', 'due_at']).execute();
      await db.schema.createIndex('tasks_definition_element_idx').on('tasks').columns(['definition_id', 'element_id']).execute();
      await db.schema.createIndex('instances_ended_idx').on('instances').columns(['status', 'ended_at']).execute();

      // backfill the variable index of instances that already exist
      const rows = await sql<{ id: string; variables: string }>`select id, variables from instances`.execute(db);
      for (const row of rows.rows) {
        const values = variableIndexRows(row.id, JSON.parse(row.variables) as Record<string, unknown>);
        for (const v of values) {
          await sql`insert into instance_variables (instance_id, name, kind, num_value, text_value) values (${v.instance_id}, ${v.name}, ${v.kind}, ${v.num_value}, ${v.text_value})`.execute(db);
        }
      }
    },
  };
}
