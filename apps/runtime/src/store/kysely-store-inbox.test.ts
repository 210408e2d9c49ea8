/**
 * The inbox list against a model of its semantics, on SQLite and PostgreSQL: for every queue-shaped
 * filter a group member or an operator can send, every sort and order, the pages read by keyset cursor
 * concatenate to exactly the matching tasks in the documented order (sort key, then id, in the same
 * direction; undated tasks carry the largest key), each page full until the last, and countTasks
 * agrees. The tasks have ties on every sort key, undated due / follow-up dates, several candidate
 * groups per task (one task reachable through several of the caller's groups), assignees, owners and
 * closed tasks, so any list plan that drops, repeats or misorders a row fails here.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './db-schema.js';
import { migrationProvider } from './migrations/index.js';
import type { StoreCapabilities } from './store-capabilities.js';
import type { DefinitionRow, StepCommit, TaskFilter, TaskRow, Store } from './store.js';
import { openTestStore, TEST_DIALECTS, type TestStore } from './test-support/test-databases.js';

const HOOK_TIMEOUT = 60_000;
const NO_DATE = '9999-12-31T23:59:59.999Z';
const DATES = [null, '2030-01-01T00:00:00.000Z', '2030-01-02T00:00:00.000Z', '2030-01-03T00:00:00.000Z'];
const CREATED = ['2029-01-01T00:00:00.000Z', '2029-01-02T00:00:00.000Z', '2029-01-03T00:00:00.000Z'];
const GROUP_SETS = [[], ['g1'], ['g2'], ['g1', 'g2'], ['g3'], ['g2', 'g3']];
const USER_SETS = [[], ['ann'], ['bob'], [], ['ann', 'bob']];
const ASSIGNEES = [null, null, 'ann', null, 'bob'];
const N = 72;

interface Model {
  id: string;
  processKey: string;
  name: string;
  status: 'open' | 'completed' | 'cancelled';
  assignee: string | null;
  owner: string | null;
  users: string[];
  groups: string[];
  dueAt: string | null;
  followUpAt: string | null;
  priority: number;
  createdAt: string;
  n: number;
}

type Sort = NonNullable<TaskFilter['sort']>;

function keyOf(t: Model, sort: Sort): string | number {
  switch (sort) {
    case 'created':
      return t.createdAt;
    case 'due':
      return t.dueAt ?? NO_DATE;
    case 'followUp':
      return t.followUpAt ?? NO_DATE;
    case 'priority':
      return t.priority;
  }
}

function matches(t: Model, f: TaskFilter): boolean {
  const cand = (who: { username: string; groups: string[] }) => t.users.includes(who.username) || t.groups.some((g) => who.groups.includes(g));
  if (f.status !== undefined && t.status !== f.status) return false;
  if (f.assignee !== undefined && t.assignee !== f.assignee) return false;
  if (f.unassigned && t.assignee !== null) return false;
  if (f.candidateGroup !== undefined && !t.groups.includes(f.candidateGroup)) return false;
  if (f.candidateUser !== undefined && !t.users.includes(f.candidateUser)) return false;
  if (f.candidateOf && !cand(f.candidateOf)) return false;
  if (f.visibleTo && !(t.assignee === f.visibleTo.username || t.owner === f.visibleTo.username || cand(f.visibleTo))) return false;
  if (f.processKey !== undefined && t.processKey !== f.processKey) return false;
  if (f.taskName !== undefined && !t.name.toLowerCase().includes(f.taskName.toLowerCase())) return false;
  if (f.dueBefore !== undefined && !(t.dueAt !== null && t.dueAt < f.dueBefore)) return false;
  if (f.dueAfter !== undefined && !(t.dueAt !== null && t.dueAt > f.dueAfter)) return false;
  if (f.overdueAt !== undefined && !(t.status === 'open' && t.dueAt !== null && t.dueAt < f.overdueAt)) return false;
  if (f.priorityMin !== undefined && t.priority < f.priorityMin) return false;
  if (f.priorityMax !== undefined && t.priority > f.priorityMax) return false;
  if (f.createdAfter !== undefined && t.createdAt < f.createdAfter) return false;
  if (f.createdBefore !== undefined && !(t.createdAt < f.createdBefore)) return false;
  for (const c of f.variables ?? []) {
    if (c.op === 'gt' && !(t.n > Number(c.value))) return false;
    if (c.op === 'lt' && !(t.n < Number(c.value))) return false;
  }
  return true;
}

function expected(all: Model[], f: TaskFilter): string[] {
  const sort = f.sort ?? 'created';
  const dir = (f.order ?? (sort === 'created' || sort === 'priority' ? 'desc' : 'asc')) === 'asc' ? 1 : -1;
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return all
    .filter((t) => matches(t, f))
    .sort((a, b) => dir * (cmp(keyOf(a, sort), keyOf(b, sort)) || cmp(a.id, b.id)))
    .map((t) => t.id);
}

const ann = { username: 'ann', groups: ['g1', 'g2'] };
const bob = { username: 'bob', groups: [] as string[] };

/** the filters toTaskFilter makes for the inbox queues, plus the explicit candidate filters */
function filters(keyA: string): [string, TaskFilter][] {
  return [
    ['groups queue, member of g1 + g2', { status: 'open', candidateOf: ann, visibleTo: ann }],
    ['groups queue, filtered like bench 7', { status: 'open', candidateOf: ann, visibleTo: ann, processKey: keyA, dueBefore: DATES[3]! }],
    ['mine queue', { status: 'open', assignee: 'ann', visibleTo: ann }],
    ['unassigned queue', { status: 'open', unassigned: true, visibleTo: ann }],
    ['all queue, member', { status: 'open', visibleTo: ann }],
    ['all queue overdue, member', { status: 'open', overdueAt: DATES[2]!, visibleTo: ann }],
    ['completed queue, member', { status: 'completed', visibleTo: ann }],
    ['no queue, member', { visibleTo: ann }],
    ['groups queue, user without groups', { status: 'open', candidateOf: bob, visibleTo: bob }],
    ['all queue, user without groups', { status: 'open', visibleTo: bob }],
    ['candidate group outside own groups', { status: 'open', candidateGroup: 'g3', visibleTo: ann }],
    ['candidate group and name, member', { status: 'open', candidateGroup: 'g2', taskName: 'EVEN', visibleTo: ann }],
    ['candidate user', { status: 'open', candidateUser: 'bob', visibleTo: ann }],
    ['priority range and created range, member', { status: 'open', priorityMin: 20, priorityMax: 30, createdAfter: CREATED[1]!, visibleTo: ann }],
    ['variables, member', { status: 'open', candidateOf: ann, visibleTo: ann, variables: [{ name: 'n', op: 'gt', value: 20 }] }],
    ['all queue, operator', { status: 'open' }],
    ['no queue, operator', {}],
    ['groups queue, operator', { status: 'open', candidateOf: ann }],
    ['unassigned, operator, due after', { status: 'open', unassigned: true, dueAfter: DATES[1]! }],
  ];
}

describe.each(TEST_DIALECTS)('inbox list on %s', (dialect) => {
  let db: TestStore;
  let store: Store;
  const model: Model[] = [];
  let keyA = '';

  beforeAll(async () => {
    db = await openTestStore(dialect);
    store = db.store;
    const defs: DefinitionRow[] = [];
    for (const key of ['inbox_a', 'inbox_b']) {
      const { definition } = await store.deployDefinition({ id: `def-${key}`, key, name: key, xml: `<${key}/>`, hash: key, deployedAt: CREATED[0]!, deployedBy: null, diagramId: null }, []);
      defs.push(definition);
    }
    keyA = defs[0]!.key;
    for (let i = 0; i < N; i++) {
      const def = defs[i % 3 === 0 ? 1 : 0]!;
      const id = `task-${String((i * 37) % N).padStart(3, '0')}`;
      const instanceId = `inst-${i}`;
      const m: Model = {
        id, processKey: def.key, name: i % 2 ? 'Review odd' : 'Review even', status: 'open', assignee: ASSIGNEES[i % ASSIGNEES.length]!, owner: null,
        users: USER_SETS[i % USER_SETS.length]!, groups: GROUP_SETS[i % GROUP_SETS.length]!, dueAt: DATES[i % DATES.length]!,
        followUpAt: DATES[(i * 3 + 1) % DATES.length]!, priority: [10, 20, 30][i % 3]!, createdAt: CREATED[(i * 5) % CREATED.length]!, n: i,
      };
      const row: TaskRow = {
        id, instanceId, definitionId: def.id, elementId: 'review', executionId: `exec-${i}`, name: m.name, assignee: m.assignee,
        candidateUsers: m.users, candidateGroups: m.groups, dueAt: m.dueAt, followUpAt: m.followUpAt, priority: m.priority, status: 'open',
        formKey: null, formFields: [], createdAt: m.createdAt, completedAt: null, completedBy: null,
      };
      const step: StepCommit = {
        instanceId, expectedRev: null,
        instance: {
          definitionId: def.id, key: def.key, version: def.version, status: 'running', businessKey: null, variables: { n: i }, snapshot: '{}',
          engineVersion: '25.0.1', tokens: [], startedAt: m.createdAt, endedAt: null, parentInstanceId: null, parentExecutionId: null,
        },
        events: [{ type: 'instance.started', instanceId, at: m.createdAt, definitionId: def.id, key: def.key, version: def.version, businessKey: null }],
        waits: { tasks: [row], timers: [], subscriptions: [], jobs: [] },
      };
      const { rev } = await store.commitStep(step);
      // later writes to the task: closed, delegated, re-dated — the list must see the new values
      const changes: NonNullable<StepCommit['taskUpdates']>[number]['changes'] = {};
      if (i % 7 === 3) Object.assign(changes, { status: 'completed', completedAt: CREATED[2], completedBy: 'ann' });
      if (i % 11 === 5) Object.assign(changes, { owner: 'ann', delegationState: 'pending', assignee: 'bob' });
      if (i % 5 === 2) Object.assign(changes, { dueAt: DATES[(i + 1) % DATES.length], priority: 20, followUpAt: null });
      if (Object.keys(changes).length) {
        await store.commitStep({ instanceId, expectedRev: rev, instance: { status: 'running' }, events: [], taskUpdates: [{ id, changes }] });
        if (changes.status) m.status = changes.status as Model['status'];
        if (changes.owner) Object.assign(m, { owner: changes.owner, assignee: changes.assignee });
        if (changes.dueAt !== undefined) Object.assign(m, { dueAt: changes.dueAt, priority: changes.priority, followUpAt: null });
      }
      if (i % 13 === 6) {
        // the task's wait is gone (e.g. a boundary event fired): cancelled by reconciliation
        await store.commitStep({ instanceId, expectedRev: rev + (Object.keys(changes).length ? 1 : 0), instance: { status: 'running' }, events: [], waits: { tasks: [], timers: [], subscriptions: [], jobs: [] } });
        if (m.status === 'open') m.status = 'cancelled';
      }
      model.push(m);
    }
  }, HOOK_TIMEOUT);
  afterAll(() => db?.cleanup(), HOOK_TIMEOUT);

  it('given the fixture, then it exercises ties, undated tasks, closed tasks and tasks in several of a caller\'s groups', () => {
    expect(model.filter((t) => t.status !== 'open').length).toBeGreaterThan(5);
    expect(model.filter((t) => t.status === 'open' && t.dueAt === null).length).toBeGreaterThan(5);
    expect(model.filter((t) => t.status === 'open' && t.groups.includes('g1') && t.groups.includes('g2')).length).toBeGreaterThan(3);
    expect(model.filter((t) => t.owner === 'ann').length).toBeGreaterThan(2);
  });

  for (const sort of ['created', 'due', 'followUp', 'priority'] as const) {
    for (const order of [undefined, 'asc', 'desc'] as const) {
      it(`given ${sort} sort ${order ?? 'default'}, then every filter pages through exactly its tasks in order, and counts agree`, async () => {
        for (const [label, base] of filters(keyA)) {
          const f: TaskFilter = { ...base, sort, ...(order ? { order } : {}) };
          const want = expected(model, f);
          for (const limit of [2, 5, 500]) {
            const got: string[] = [];
            let cursor: string | undefined;
            let pages = 0;
            do {
              const page = await store.listInboxTasks({ ...f, limit, ...(cursor ? { cursor } : {}) });
              pages += 1;
              got.push(...page.items.map((t) => t.id));
              if (page.nextCursor) expect(page.items, `${label}, limit ${limit}: a page before the last is full`).toHaveLength(limit);
              cursor = page.nextCursor;
            } while (cursor && pages <= N + 1);
            expect(got, `${label}, limit ${limit}`).toEqual(want);
          }
          expect(await store.countTasks(f), `count of ${label}`).toBe(want.length);
        }
      }, HOOK_TIMEOUT);
    }
  }

  it('given a page of the due sort, then each task carries its process and the cursor resumes after ties', async () => {
    const f: TaskFilter = { status: 'open', candidateOf: ann, visibleTo: ann, sort: 'due', limit: 2 };
    const page = await store.listInboxTasks(f);
    expect(page.items[0]).toMatchObject({ processKey: expect.stringMatching(/^inbox_[ab]$/), processVersion: 1 });
    const rest = await store.listInboxTasks({ ...f, limit: 500, cursor: page.nextCursor! });
    expect([...page.items, ...rest.items].map((t) => t.id)).toEqual(expected(model, f));
  });
});

describe.each(TEST_DIALECTS)('inbox sort keys migration on %s', (dialect) => {
  it('given candidate rows written before 0004, when migrated, then they carry their task\'s keys and list in order', async () => {
    const fresh = await openTestStore(dialect, { migrate: false });
    try {
      // the schema as it was before 0004, written through a connection of our own
      const db = new Kysely<Database>({
        dialect: dialect === 'sqlite' ? new SqliteDialect({ database: new BetterSqlite3(fresh.location) }) : new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.location, max: 1 }) }),
      });
      const caps = { autoIncrementType: dialect === 'sqlite' ? 'integer' : 'bigserial', autoIncrementKeyword: dialect === 'sqlite' } as StoreCapabilities;
      const migrator = new Migrator({ db, provider: migrationProvider(caps), migrationTableName: 'baton_migrations', migrationLockTableName: 'baton_migrations_lock' });
      expect((await migrator.migrateTo('0003-monitoring')).error).toBeUndefined();
      await db.insertInto('definitions').values({ id: 'd1', key: 'old', version: 1, name: 'Old', xml: '<x/>', hash: 'h', deployed_at: CREATED[0]!, deployed_by: null, diagram_id: null } as never).execute();
      const old = [
        { id: 'old-a', status: 'open', due_at: DATES[2], priority: 5 },
        { id: 'old-b', status: 'open', due_at: null, priority: 7 },
        { id: 'old-c', status: 'completed', due_at: DATES[1], priority: 9 },
        { id: 'old-d', status: 'open', due_at: DATES[1], priority: 1 },
      ];
      for (const [i, t] of old.entries()) {
        await db.insertInto('instances').values({ id: `oi-${i}`, definition_id: 'd1', key: 'old', version: 1, status: 'running', business_key: null, variables: '{}', snapshot: '{}', engine_version: '25', rev: 1, last_seq: 0, tokens: '[]', started_at: CREATED[0]!, ended_at: null, parent_instance_id: null, parent_execution_id: null } as never).execute();
        await db.insertInto('tasks').values({ ...t, instance_id: `oi-${i}`, definition_id: 'd1', element_id: 'e', execution_id: `x${i}`, name: 'Old', assignee: null, candidate_users: '[]', candidate_groups: '["old-group"]', follow_up_at: null, form_key: null, form_fields: '[]', created_at: CREATED[i % 3]!, completed_at: null, completed_by: null, owner: null, delegation_state: null } as never).execute();
        await db.insertInto('task_candidates').values({ task_id: t.id, kind: 'group', name: 'old-group' } as never).execute();
      }
      await db.destroy();
      await fresh.store.migrate();
      const who = { username: 'zed', groups: ['old-group'] };
      const page = await fresh.store.listInboxTasks({ status: 'open', candidateOf: who, visibleTo: who, sort: 'due' });
      expect(page.items.map((t) => t.id)).toEqual(['old-d', 'old-a', 'old-b']);
      const byPriority = await fresh.store.listInboxTasks({ status: 'open', candidateOf: who, visibleTo: who, sort: 'priority', limit: 1 });
      expect(byPriority.items.map((t) => t.id)).toEqual(['old-b']);
      expect(await fresh.store.countTasks({ status: 'completed', candidateOf: who, visibleTo: who })).toBe(1);
    } finally {
      await fresh.cleanup();
    }
  }, HOOK_TIMEOUT);
});
