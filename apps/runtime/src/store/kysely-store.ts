/**
 * KyselyStore: the one Store implementation, for SQLite and PostgreSQL alike. Every method is one
 * statement or one transaction. Database differences arrive as StoreCapabilities from sqlite/ or
 * postgres/; nothing here tests the dialect. The bigger pieces live beside this file:
 * kysely-store-commit.ts (commitStep), kysely-store-queries.ts (lists, stats),
 * kysely-store-leases.ts (timer and job leases).
 */
import type { InstanceStatus, RuntimeEvent } from '@baton/shared';
import { Migrator, type Kysely } from 'kysely';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Database } from './db-schema.js';
import { commitStepInTransaction } from './kysely-store-commit.js';
import { claimDueTimers, lockJobs, updateJob } from './kysely-store-leases.js';
import { countInstancesByStatus, elementStats, listInstances, listTasks } from './kysely-store-queries.js';
import { countTasks, deleteFilter, getFilter, listFilters, listInboxTasks, saveFilter } from './kysely-store-inbox.js';
import { insertOperation, monitorQueries, recordStepProjections } from './kysely-store-monitor.js';
import { migrationProvider } from './migrations/index.js';
import type { OperationFilter, OperationRecord } from './monitor-store.js';
import {
  toDefinition, toDiagram, toEvent, toIncident, toInstance, toJob, toSession, toStartTrigger, toSubscription, toTask, toTimer,
  toUser, userColumns,
} from './row-mappers.js';
import type { StoreCapabilities } from './store-capabilities.js';
import type {
  DefinitionRow, DiagramRow, InboxTaskRow, IncidentRow, InstanceFilter, SavedFilterRow, InstanceRow, JobRow, Page, SessionRow, StartTriggerRow, StepCommit,
  StepResult, Store, StoredEvent, SubscriptionRow, TaskFilter, TaskRow, TimerRow, UserRow,
} from './store.js';

const DEPLOY_ATTEMPTS = 5;
const DEFINITION_COLUMNS = ['id', 'key', 'version', 'name', 'hash', 'deployed_at', 'deployed_by', 'diagram_id'] as const;
const DIAGRAM_COLUMNS = ['id', 'name', 'revision', 'created_at', 'updated_at', 'updated_by'] as const;

export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly caps: StoreCapabilities,
  ) {
    this.dialect = caps.dialect;
  }

  async migrate(): Promise<void> {
    await this.caps.withMigrationLock(async () => {
      const migrator = new Migrator({
        db: this.db,
        provider: migrationProvider(this.caps),
        migrationTableName: 'baton_migrations',
        migrationLockTableName: 'baton_migrations_lock',
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error) {
        const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
        throw new Error(`database migration "${failed}" failed on ${this.dialect}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
    await this.caps.close?.();
  }

  // ---------- users and sessions ----------

  async countUsers(): Promise<number> {
    const r = await this.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insertUser(user: UserRow): Promise<void> {
    try {
      await this.db.insertInto('users').values({ ...(userColumns(user) as Required<ReturnType<typeof userColumns>>), id: user.id, created_at: user.createdAt }).execute();
    } catch (error) {
      if (this.caps.isUniqueViolation(error)) throw new ConflictError(`a user named "${user.username}" already exists; choose another username`);
      throw error;
    }
  }

  async updateUser(id: string, changes: Partial<Omit<UserRow, 'id' | 'createdAt'>>): Promise<UserRow> {
    const cols = userColumns(changes);
    try {
      const row = await this.db.updateTable('users').set(Object.keys(cols).length > 0 ? cols : { id }).where('id', '=', id).returningAll().executeTakeFirst();
      if (!row) throw new NotFoundError('user', id);
      return toUser(row);
    } catch (error) {
      if (this.caps.isUniqueViolation(error)) throw new ConflictError(`a user named "${changes.username}" already exists; choose another username`);
      throw error;
    }
  }

  async getUserById(id: string): Promise<UserRow | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toUser(r);
  }

  async getUserByUsername(username: string): Promise<UserRow | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    return r && toUser(r);
  }

  async listUsers(): Promise<UserRow[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('username').execute()).map(toUser);
  }

  async insertSession(s: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.createdAt, expires_at: s.expiresAt }).execute();
  }

  async getSession(tokenHash: string): Promise<SessionRow | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return r && toSession(r);
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  // ---------- diagrams ----------

  async saveDiagram(input: { id: string; name: string; xml: string; expectedRevision?: number; savedBy: string | null; now: string }): Promise<DiagramRow> {
    const { id, name, xml, expectedRevision, savedBy, now } = input;
    return this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('diagrams').select(['name', 'revision']).where('id', '=', id).executeTakeFirst();
      const conflict = (found: { name: string; revision: number }) =>
        new ConflictError(`diagram "${found.name}" was saved elsewhere (revision ${found.revision}, you edited revision ${expectedRevision ?? found.revision - 1}); reload it or save a copy`);
      if (!current) {
        try {
          const row = await trx.insertInto('diagrams').values({ id, name, xml, revision: 1, created_at: now, updated_at: now, updated_by: savedBy }).returningAll().executeTakeFirstOrThrow();
          return toDiagram(row);
        } catch (error) {
          if (this.caps.isUniqueViolation(error)) throw conflict({ name, revision: 1 });
          throw error;
        }
      }
      if (expectedRevision !== undefined && Number(current.revision) !== expectedRevision) throw conflict({ name: current.name, revision: Number(current.revision) });
      const row = await trx
        .updateTable('diagrams')
        .set((eb) => ({ name, xml, revision: eb('revision', '+', 1), updated_at: now, updated_by: savedBy }))
        .where('id', '=', id)
        .where('revision', '=', current.revision)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw conflict({ name: current.name, revision: Number(current.revision) + 1 });
      return toDiagram(row);
    });
  }

  async getDiagram(id: string): Promise<DiagramRow | undefined> {
    const r = await this.db.selectFrom('diagrams').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toDiagram(r);
  }

  async listDiagrams(): Promise<Omit<DiagramRow, 'xml'>[]> {
    const rows = await this.db.selectFrom('diagrams').select(DIAGRAM_COLUMNS).orderBy('updated_at', 'desc').orderBy('id').execute();
    return rows.map((r) => {
      const { xml: _xml, ...rest } = toDiagram({ ...r, xml: '' });
      return rest;
    });
  }

  async deleteDiagram(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom('diagrams').where('id', '=', id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // ---------- definitions ----------

  async deployDefinition(input: Omit<DefinitionRow, 'version'>, triggers: Omit<StartTriggerRow, 'definitionId'>[], operation?: Pick<OperationRecord, 'actor' | 'at'>): Promise<{ definition: DefinitionRow; created: boolean }> {
    const record = (trx: Kysely<Database>, definition: DefinitionRow, created: boolean) =>
      operation
        ? insertOperation(trx, { ...operation, action: 'definition.deploy', definitionId: definition.id, processKey: definition.key, details: { version: definition.version, name: definition.name, unchanged: !created } })
        : Promise.resolve();
    const uniqueTriggers = [...new Map(triggers.map((t) => [t.elementId, t])).values()];
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          await this.caps.lockName(trx, 'deploy', input.key);
          // the XML is the caller's (the same hash is the same XML), so it is not read back or returned
          const same = await trx.selectFrom('definitions').select(DEFINITION_COLUMNS).where('key', '=', input.key).where('hash', '=', input.hash).executeTakeFirst();
          if (same) {
            const definition = toDefinition({ ...same, xml: input.xml });
            await record(trx, definition, false);
            return { definition, created: false };
          }
          const latest = await trx.selectFrom('definitions').select((eb) => eb.fn.max<number | null>('version').as('v')).where('key', '=', input.key).executeTakeFirst();
          const version = Number(latest?.v ?? 0) + 1;
          const row = await trx
            .insertInto('definitions')
            .values({
              id: input.id, key: input.key, version, name: input.name, xml: input.xml, hash: input.hash,
              deployed_at: input.deployedAt, deployed_by: input.deployedBy, diagram_id: input.diagramId,
            })
            .returning(DEFINITION_COLUMNS)
            .executeTakeFirstOrThrow();
          // start triggers always belong to the latest version of the key
          await trx.deleteFrom('start_triggers').where('key', '=', input.key).execute();
          if (uniqueTriggers.length > 0) {
            await trx
              .insertInto('start_triggers')
              .values(uniqueTriggers.map((t) => ({ definition_id: input.id, key: input.key, element_id: t.elementId, kind: t.kind, name: t.name })))
              .execute();
          }
          const definition = toDefinition({ ...row, xml: input.xml });
          await record(trx, definition, true);
          return { definition, created: true };
        });
      } catch (error) {
        // deploys of a key are serialised by lockName; should one still race (another writer without
        // the lock), the unique constraints catch it and we look again
        if (attempt < DEPLOY_ATTEMPTS && this.caps.isUniqueViolation(error)) continue;
        throw error;
      }
    }
  }

  async getDefinition(id: string): Promise<DefinitionRow | undefined> {
    const r = await this.db.selectFrom('definitions').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toDefinition(r);
  }

  async getDefinitionByKey(key: string, version?: number): Promise<DefinitionRow | undefined> {
    const r = await this.db
      .selectFrom('definitions')
      .selectAll()
      .where('key', '=', key)
      .$if(version !== undefined, (q) => q.where('version', '=', version!))
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r && toDefinition(r);
  }

  async listDefinitions(filter?: { key?: string }): Promise<Omit<DefinitionRow, 'xml'>[]> {
    const rows = await this.db
      .selectFrom('definitions')
      .select(DEFINITION_COLUMNS)
      .$if(filter?.key !== undefined, (q) => q.where('key', '=', filter!.key!))
      .orderBy('key')
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => {
      const { xml: _xml, ...rest } = toDefinition({ ...r, xml: '' });
      return rest;
    });
  }

  async findStartTriggers(kind: StartTriggerRow['kind'], name?: string): Promise<StartTriggerRow[]> {
    const rows = await this.db
      .selectFrom('start_triggers')
      .selectAll()
      .where('kind', '=', kind)
      .$if(name !== undefined, (q) => q.where('name', '=', name!))
      .orderBy('key')
      .orderBy('element_id')
      .execute();
    return rows.map(toStartTrigger);
  }

  // ---------- instances and history ----------

  async getInstance(id: string): Promise<InstanceRow | undefined> {
    const r = await this.db.selectFrom('instances').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toInstance(r);
  }

  listInstances(filter: InstanceFilter): Promise<Page<InstanceRow>> {
    return listInstances(this.db, filter);
  }

  countInstancesByStatus(filter?: { key?: string }) {
    return countInstancesByStatus(this.db, filter);
  }

  commitStep(step: StepCommit): Promise<StepResult> {
    return this.db.transaction().execute(async (trx) => {
      const { result, process } = await commitStepInTransaction(trx, this.caps, step);
      await recordStepProjections(trx, step, process);
      return result;
    });
  }

  // ---------- monitoring (kysely-store-monitor.ts) ----------

  listOperations(filter: OperationFilter) {
    return monitorQueries(this.db).listOperations(filter);
  }

  openIncidentCounts(instanceIds: string[]) {
    return monitorQueries(this.db).openIncidentCounts(instanceIds);
  }

  openIncidentsByKey() {
    return monitorQueries(this.db).openIncidentsByKey();
  }

  openTaskCounts(now: string) {
    return monitorQueries(this.db).openTaskCounts(now);
  }

  eventsPerMinute(from: string, types: ('instance.started' | 'instance.completed')[]) {
    return monitorQueries(this.db).eventsPerMinute(from, types);
  }

  endedInstances(status: InstanceStatus, from: string, limit: number) {
    return monitorQueries(this.db).endedInstances(status, from, limit);
  }

  taskSla(definitionId: string, now: string, soon: string) {
    return monitorQueries(this.db).taskSla(definitionId, now, soon);
  }

  taskDurations() {
    return monitorQueries(this.db).taskDurations();
  }

  async listEvents(instanceId: string, afterSeq?: number, limit?: number): Promise<RuntimeEvent[]> {
    const rows = await this.db
      .selectFrom('events')
      .select('payload')
      .where('instance_id', '=', instanceId)
      .$if(afterSeq !== undefined, (q) => q.where('seq', '>', afterSeq!))
      .orderBy('seq')
      .$if(limit !== undefined, (q) => q.limit(limit!))
      .execute();
    return rows.map((r) => toEvent(r.payload));
  }

  async listEventsAfter(gid: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('events').select(['gid', 'payload']).where('gid', '>', gid).orderBy('gid').limit(limit).execute();
    return rows.map((r) => ({ gid: Number(r.gid), event: toEvent(r.payload) }));
  }

  elementStats(definitionId: string) {
    return elementStats(this.db, definitionId);
  }

  // ---------- tasks, timers, subscriptions, jobs, incidents ----------

  async getTask(id: string): Promise<TaskRow | undefined> {
    const r = await this.db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toTask(r);
  }

  listTasks(filter: TaskFilter): Promise<Page<TaskRow>> {
    return listTasks(this.db, filter);
  }

  listInboxTasks(filter: TaskFilter): Promise<Page<InboxTaskRow>> {
    return listInboxTasks(this.db, filter);
  }

  countTasks(filter: TaskFilter): Promise<number> {
    return countTasks(this.db, filter);
  }

  // ---------- saved task filters (kysely-store-inbox.ts) ----------

  saveFilter(row: SavedFilterRow): Promise<SavedFilterRow> {
    return saveFilter(this.db, row);
  }

  getFilter(id: string): Promise<SavedFilterRow | undefined> {
    return getFilter(this.db, id);
  }

  listFilters(input: { owner: string; groups: string[] }): Promise<SavedFilterRow[]> {
    return listFilters(this.db, input);
  }

  deleteFilter(id: string): Promise<boolean> {
    return deleteFilter(this.db, id);
  }

  claimDueTimers(input: { now: string; limit: number; owner: string; leaseMs: number }): Promise<TimerRow[]> {
    return claimDueTimers(this.db, this.caps, input);
  }

  /** the earliest time any timer can be claimed: its due time, or its lease end while it is leased */
  async nextTimerDue(): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('timers')
      .select((eb) => eb.fn.min<string | null>(eb.case().when('locked_until', '>', eb.ref('due_at')).then(eb.ref('locked_until')).else(eb.ref('due_at')).end()).as('next'))
      .executeTakeFirst();
    return r?.next ?? undefined;
  }

  async getTimer(id: string): Promise<TimerRow | undefined> {
    const r = await this.db.selectFrom('timers').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toTimer(r);
  }

  async findSubscriptions(input: { kind: 'message' | 'signal'; name: string; businessKey?: string; instanceId?: string }): Promise<SubscriptionRow[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('kind', '=', input.kind)
      .where('name', '=', input.name)
      .$if(input.businessKey !== undefined, (q) => q.where('business_key', '=', input.businessKey!))
      .$if(input.instanceId !== undefined, (q) => q.where('instance_id', '=', input.instanceId!))
      .orderBy('id')
      .execute();
    return rows.map(toSubscription);
  }

  lockJobs(input: { workerId: string; topics: { topic: string; lockDurationMs: number }[]; maxJobs: number; now: string }): Promise<JobRow[]> {
    return lockJobs(this.db, this.caps, input);
  }

  async getJob(id: string): Promise<JobRow | undefined> {
    const r = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toJob(r);
  }

  updateJob(id: string, changes: Partial<Pick<JobRow, 'retries' | 'workerId' | 'lockExpiresAt' | 'availableAt' | 'errorMessage' | 'errorDetails'>>, expect?: { workerId: string }): Promise<JobRow> {
    return updateJob(this.db, id, changes, expect);
  }

  async listIncidents(filter: { instanceId?: string; definitionId?: string; elementId?: string; open?: boolean }): Promise<IncidentRow[]> {
    const rows = await this.db
      .selectFrom('incidents')
      .selectAll()
      .$if(filter.instanceId !== undefined, (q) => q.where('instance_id', '=', filter.instanceId!))
      .$if(filter.definitionId !== undefined, (q) => q.where('definition_id', '=', filter.definitionId!))
      .$if(filter.elementId !== undefined, (q) => q.where('element_id', '=', filter.elementId!))
      .$if(filter.open === true, (q) => q.where('resolved_at', 'is', null))
      .$if(filter.open === false, (q) => q.where('resolved_at', 'is not', null))
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toIncident);
  }

  async getIncident(id: string): Promise<IncidentRow | undefined> {
    const r = await this.db.selectFrom('incidents').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toIncident(r);
  }
}
