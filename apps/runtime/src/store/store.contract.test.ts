/**
 * The Store contract, run against a real SQLite file and a real PostgreSQL database.
 * Every test makes its own keys and ids, so the tests share one database per dialect.
 */
import { randomUUID } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import type { NewRuntimeEvent } from '@baton/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '../errors.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { DefinitionRow, JobRow, StepCommit, SubscriptionRow, TaskRow, TimerRow, UserRow, Store } from './store.js';
import { openTestStore, TEST_DIALECTS, type TestStore } from './test-support/test-databases.js';

const HOOK_TIMEOUT = 30_000;
const T0 = '2030-01-01T00:00:00.000Z';
const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const uid = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

// ---------- fixtures ----------

async function deploy(store: Store, key = uid('proc'), xml = `<xml ${key}/>`): Promise<DefinitionRow> {
  const { definition } = await store.deployDefinition(
    { id: uid('def'), key, name: key, xml, hash: `hash-of-${xml}`, deployedAt: T0, deployedBy: null, diagramId: null },
    [],
  );
  return definition;
}

function started(instanceId: string, def: DefinitionRow): NewRuntimeEvent {
  return { type: 'instance.started', instanceId, at: T0, definitionId: def.id, key: def.key, version: def.version, businessKey: null };
}
const entered = (instanceId: string, elementId: string): NewRuntimeEvent => ({ type: 'activity.entered', instanceId, elementId, at: T0 });
const completed = (instanceId: string, elementId: string, durationMs?: number): NewRuntimeEvent =>
  ({ type: 'activity.completed', instanceId, elementId, at: T0, ...(durationMs === undefined ? {} : { durationMs }) });

const noWaits = () => ({ tasks: [] as TaskRow[], timers: [] as TimerRow[], subscriptions: [] as SubscriptionRow[], jobs: [] as JobRow[] });

function createStep(def: DefinitionRow, opts: Partial<{ id: string; startedAt: string; businessKey: string; tokens: { elementId: string; count: number }[]; waits: StepCommit['waits']; events: NewRuntimeEvent[] }> = {}): StepCommit {
  const id = opts.id ?? uid('inst');
  return {
    instanceId: id,
    expectedRev: null,
    instance: {
      definitionId: def.id, key: def.key, version: def.version, status: 'running', businessKey: opts.businessKey ?? null,
      variables: { amount: 10 }, snapshot: '{"state":"waiting"}', engineVersion: '25.0.1', tokens: opts.tokens ?? [],
      startedAt: opts.startedAt ?? T0, endedAt: null, parentInstanceId: null, parentExecutionId: null,
    },
    events: opts.events ?? [started(id, def), entered(id, 'start')],
    waits: opts.waits ?? noWaits(),
  };
}

function task(instanceId: string, def: DefinitionRow, executionId: string, extra: Partial<TaskRow> = {}): TaskRow {
  return {
    id: uid('task'), instanceId, definitionId: def.id, elementId: 'review', executionId, name: 'Review', assignee: null,
    candidateUsers: [], candidateGroups: [], dueAt: null, followUpAt: null, priority: 50, status: 'open', formKey: null,
    formFields: [], createdAt: T0, completedAt: null, completedBy: null, ...extra,
  };
}
const timer = (instanceId: string, executionId: string, dueAt = T0): TimerRow =>
  ({ id: uid('timer'), instanceId, elementId: 'wait', executionId, dueAt, expression: 'PT1M' });
const subscription = (instanceId: string, executionId: string, name = 'paid'): SubscriptionRow =>
  ({ id: uid('sub'), instanceId, elementId: 'catch', executionId, kind: 'message', name, businessKey: null });
const job = (instanceId: string, def: DefinitionRow, executionId: string, topic = 'mail', extra: Partial<JobRow> = {}): JobRow => ({
  id: uid('job'), instanceId, definitionId: def.id, elementId: 'send', executionId, topic, variables: { to: 'a@b.c' }, retries: null,
  workerId: null, lockExpiresAt: null, availableAt: T0, errorMessage: null, errorDetails: null, createdAt: T0, ...extra,
});

function user(username: string): UserRow {
  return { id: uid('user'), username, displayName: username, passwordHash: 'h', groups: ['sales'], roles: ['worker'], disabled: false, createdAt: T0 };
}

// ---------- the contract ----------

describe.each(TEST_DIALECTS)('Store contract on %s', (dialect) => {
  let db: TestStore;
  let store: Store;

  beforeAll(async () => {
    db = await openTestStore(dialect);
    store = db.store;
  }, HOOK_TIMEOUT);
  afterAll(() => db?.cleanup(), HOOK_TIMEOUT);

  describe('migrations', () => {
    it('given a migrated database, when migrate runs again, then nothing changes and nothing fails', async () => {
      await store.migrate();
      await store.migrate();
      expect(await store.countUsers()).toBeGreaterThanOrEqual(0);
    });

    it('given an empty database, when two nodes migrate at once, then both succeed and the schema works', async () => {
      const fresh = await openTestStore(dialect, { migrate: false });
      try {
        const other = await fresh.openAnother();
        await Promise.all([fresh.store.migrate(), other.migrate(), fresh.store.migrate()]);
        expect(await other.countUsers()).toBe(0);
        expect(await fresh.store.countUsers()).toBe(0);
      } finally {
        await fresh.cleanup();
      }
    }, HOOK_TIMEOUT);
  });

  describe('users and sessions', () => {
    it('given a user, when it is read, updated and given a session, then every read sees it', async () => {
      const before = await store.countUsers();
      const ann = user(uid('ann'));
      await store.insertUser(ann);
      expect(await store.countUsers()).toBe(before + 1);
      expect(await store.getUserById(ann.id)).toEqual(ann);
      expect(await store.getUserByUsername(ann.username)).toEqual(ann);

      const updated = await store.updateUser(ann.id, { displayName: 'Ann A.', groups: ['sales', 'ops'], disabled: true });
      expect(updated).toEqual({ ...ann, displayName: 'Ann A.', groups: ['sales', 'ops'], disabled: true });
      expect((await store.listUsers()).map((u) => u.id)).toContain(ann.id);

      await store.insertSession({ tokenHash: `th-${ann.id}`, userId: ann.id, createdAt: T0, expiresAt: at(60) });
      expect(await store.getSession(`th-${ann.id}`)).toEqual({ tokenHash: `th-${ann.id}`, userId: ann.id, createdAt: T0, expiresAt: at(60) });
      await store.deleteSession(`th-${ann.id}`);
      expect(await store.getSession(`th-${ann.id}`)).toBeUndefined();
    });

    it('given a username in use, when another user takes it, then ConflictError; unknown ids are NotFound', async () => {
      const name = uid('bob');
      await store.insertUser(user(name));
      await expect(store.insertUser(user(name))).rejects.toThrow(ConflictError);
      await expect(store.updateUser('nobody', { displayName: 'x' })).rejects.toThrow(NotFoundError);
    });
  });

  describe('diagrams', () => {
    it('given a diagram at revision 2, when a stale editor saves revision 1, then ConflictError and the draft is unchanged', async () => {
      const id = uid('dia');
      expect((await store.saveDiagram({ id, name: 'Order', xml: '<a/>', savedBy: null, now: at(0) })).revision).toBe(1);
      expect((await store.saveDiagram({ id, name: 'Order', xml: '<b/>', expectedRevision: 1, savedBy: 'ann', now: at(1) })).revision).toBe(2);

      await expect(store.saveDiagram({ id, name: 'Order', xml: '<stale/>', expectedRevision: 1, savedBy: 'bob', now: at(2) }))
        .rejects.toThrow(/diagram "Order" was saved elsewhere \(revision 2, you edited revision 1\); reload it or save a copy/);
      expect(await store.getDiagram(id)).toMatchObject({ xml: '<b/>', revision: 2, updatedBy: 'ann', createdAt: at(0), updatedAt: at(1) });

      expect((await store.saveDiagram({ id, name: 'Order v2', xml: '<c/>', savedBy: null, now: at(3) })).revision).toBe(3);
      const listed = (await store.listDiagrams()).find((d) => d.id === id);
      expect(listed).toMatchObject({ name: 'Order v2', revision: 3 });
      expect(listed).not.toHaveProperty('xml');
      expect(await store.deleteDiagram(id)).toBe(true);
      expect(await store.deleteDiagram(id)).toBe(false);
      expect(await store.getDiagram(id)).toBeUndefined();
    });
  });

  describe('definitions', () => {
    it('given a deployed definition, when the same XML is deployed again, then the same version comes back', async () => {
      const key = uid('proc');
      const input = { id: uid('def'), key, name: 'P', xml: '<x/>', hash: 'h1', deployedAt: T0, deployedBy: 'ann', diagramId: null };
      const first = await store.deployDefinition(input, []);
      const again = await store.deployDefinition({ ...input, id: uid('def') }, []);
      expect(first).toMatchObject({ created: true, definition: { version: 1, id: input.id } });
      expect(again).toEqual({ created: false, definition: first.definition });
    });

    it('given version 1 with start triggers, when changed XML is deployed, then version 2 owns the triggers', async () => {
      const key = uid('proc');
      const base = { key, name: 'P', deployedAt: T0, deployedBy: null, diagramId: null };
      const v1 = await store.deployDefinition({ ...base, id: uid('def'), xml: '<v1/>', hash: 'h1' }, [
        { key, elementId: 'msgStart', kind: 'message', name: `order-${key}` },
      ]);
      const v2 = await store.deployDefinition({ ...base, id: uid('def'), xml: '<v2/>', hash: 'h2' }, [
        { key, elementId: 'sigStart', kind: 'signal', name: `alarm-${key}` },
      ]);
      expect(v2).toMatchObject({ created: true, definition: { version: 2 } });
      expect(await store.findStartTriggers('message', `order-${key}`)).toEqual([]);
      expect(await store.findStartTriggers('signal', `alarm-${key}`)).toEqual([
        { definitionId: v2.definition.id, key, elementId: 'sigStart', kind: 'signal', name: `alarm-${key}` },
      ]);
      expect(await store.getDefinitionByKey(key)).toEqual(v2.definition);
      expect(await store.getDefinitionByKey(key, 1)).toEqual(v1.definition);
      expect(await store.getDefinition(v1.definition.id)).toEqual(v1.definition);
      expect((await store.listDefinitions({ key })).map((d) => d.version)).toEqual([2, 1]);
    });

    it('given two nodes, when they deploy different XML of one key at once, then the versions are distinct and contiguous', async () => {
      const other = await db.openAnother();
      const key = uid('proc');
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).deployDefinition(
          { id: uid('def'), key, name: 'P', xml: `<v${i}/>`, hash: `h${i}`, deployedAt: T0, deployedBy: null, diagramId: null }, [],
        )),
      );
      expect(results.map((r) => r.definition.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    }, HOOK_TIMEOUT);
  });

  describe('commitStep', () => {
    it('given a new instance, when it is created and advanced, then rev, rows and numbered events follow', async () => {
      const def = await deploy(store);
      const step = createStep(def, { tokens: [{ elementId: 'review', count: 1 }] });
      const id = step.instanceId;
      const t = task(id, def, 'exec-review');
      step.waits = { ...noWaits(), tasks: [t] };

      const created = await store.commitStep(step);
      expect(created.rev).toBe(1);
      expect(created.events.map((e) => e.event.seq)).toEqual([1, 2]);
      expect(created.events[1].gid).toBeGreaterThan(created.events[0].gid);
      expect(await store.getInstance(id)).toMatchObject({ rev: 1, lastSeq: 2, status: 'running', variables: { amount: 10 }, tokens: [{ elementId: 'review', count: 1 }] });
      expect(await store.getTask(t.id)).toEqual(t);

      const advanced = await store.commitStep({
        instanceId: id, expectedRev: 1,
        instance: { status: 'completed', endedAt: at(5), snapshot: null, tokens: [], variables: { amount: 11 } },
        events: [completed(id, 'review', 120), { type: 'instance.completed', instanceId: id, at: at(5) }],
        taskUpdates: [{ id: t.id, changes: { status: 'completed', completedAt: at(5), completedBy: 'ann' } }],
        waits: noWaits(),
      });
      expect(advanced.rev).toBe(2);
      expect(advanced.events.map((e) => e.event)).toEqual([
        { ...completed(id, 'review', 120), seq: 3 },
        { type: 'instance.completed', instanceId: id, at: at(5), seq: 4 },
      ]);
      expect(await store.getInstance(id)).toMatchObject({ rev: 2, lastSeq: 4, status: 'completed', endedAt: at(5), snapshot: null, variables: { amount: 11 } });
      expect(await store.getTask(t.id)).toMatchObject({ status: 'completed', completedBy: 'ann' });
    });

    it('given variables that change, are added and removed, then instances are found by their current values, with and without the values before', async () => {
      const def = await deploy(store);
      const step = createStep(def);
      step.instance.variables = { amount: 10, note: 'x', keep: true };
      const id = step.instanceId;
      await store.commitStep(step);
      const found = async (name: string, value: string | number | boolean) =>
        (await store.listInstances({ key: def.key, variables: [{ name, op: 'eq', value }] })).items.map((i) => i.id);

      // only the changed names are rewritten when the step says what the variables were
      await store.commitStep({
        instanceId: id, expectedRev: 1, events: [],
        instance: { status: 'running', variables: { amount: 11, keep: true, added: 'y' } },
        variablesBefore: { amount: 10, note: 'x', keep: true },
      });
      expect([await found('amount', 11), await found('amount', 10), await found('note', 'x'), await found('keep', true), await found('added', 'y')]).toEqual([[id], [], [], [id], [id]]);
      const noteGone = await store.listInstances({ key: def.key, variables: [{ name: 'note', op: 'neq', value: 'x' }] });
      expect(noteGone.items.map((i) => i.id)).toEqual([id]);

      // without them, the whole index of the instance is rewritten
      await store.commitStep({ instanceId: id, expectedRev: 2, events: [], instance: { status: 'running', variables: { amount: 12 } } });
      expect([await found('amount', 12), await found('keep', true), await found('added', 'y')]).toEqual([[id], [], []]);
    });

    it('given an instance at rev 2, when a command commits with rev 1, then ConflictError and nothing changes', async () => {
      const def = await deploy(store);
      const step = createStep(def);
      const id = step.instanceId;
      step.waits = { ...noWaits(), tasks: [task(id, def, 'e1')] };
      await store.commitStep(step);
      await store.commitStep({ instanceId: id, expectedRev: 1, instance: { status: 'running' }, events: [entered(id, 'a')] });
      const before = { instance: await store.getInstance(id), events: await store.listEvents(id), tasks: await store.listTasks({ instanceId: id }) };

      await expect(store.commitStep({
        instanceId: id, expectedRev: 1, instance: { status: 'cancelled', variables: { lost: true } },
        events: [{ type: 'instance.cancelled', instanceId: id, at: T0 }], waits: noWaits(),
        incidentsRaised: [{ id: uid('inc'), instanceId: id, definitionId: def.id, elementId: 'a', jobId: null, message: 'x', details: null, createdAt: T0, resolvedAt: null }],
      })).rejects.toThrow(new RegExp(`instance ${id} changed concurrently \\(expected rev 1.*\\); reload and retry`));

      expect({ instance: await store.getInstance(id), events: await store.listEvents(id), tasks: await store.listTasks({ instanceId: id }) }).toEqual(before);
      expect(await store.listIncidents({ instanceId: id })).toEqual([]);
    });

    it('given an existing instance id, when it is created again, then ConflictError', async () => {
      const def = await deploy(store);
      const step = createStep(def);
      await store.commitStep(step);
      await expect(store.commitStep(step)).rejects.toThrow(ConflictError);
      expect(await store.listEvents(step.instanceId)).toHaveLength(2);
    });

    it('given several commits, then seq runs 1..n without gaps and the global feed sees them in order', async () => {
      const def = await deploy(store);
      const step = createStep(def);
      const id = step.instanceId;
      const first = await store.commitStep(step);
      let rev = first.rev;
      for (const n of [3, 0, 1, 4]) {
        rev = (await store.commitStep({ instanceId: id, expectedRev: rev, instance: { status: 'running' }, events: Array.from({ length: n }, (_, i) => entered(id, `e${i}`)) })).rev;
      }
      expect(rev).toBe(5);
      const events = await store.listEvents(id);
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
      expect((await store.listEvents(id, 7)).map((e) => e.seq)).toEqual([8, 9, 10]);
      expect((await store.listEvents(id, 2, 2)).map((e) => e.seq)).toEqual([3, 4]);
      expect((await store.getInstance(id))?.lastSeq).toBe(10);

      const feed = await store.listEventsAfter(first.events[0].gid - 1, 10_000);
      const mine = feed.filter((s) => s.event.instanceId === id);
      expect(mine.map((s) => s.event.seq)).toEqual(events.map((e) => e.seq));
      expect(mine.map((s) => s.gid)).toEqual([...mine.map((s) => s.gid)].sort((a, b) => a - b));
    });

    it('given two nodes, when several commands commit with the same rev at once, then exactly one wins', async () => {
      const other = await db.openAnother();
      const def = await deploy(store);
      const step = createStep(def);
      const id = step.instanceId;
      await store.commitStep(step);
      const attempts = await Promise.allSettled(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? other : store).commitStep({
          instanceId: id, expectedRev: 1, instance: { status: 'running', variables: { winner: i } }, events: [entered(id, `by-${i}`), entered(id, `by-${i}`)],
          waits: { ...noWaits(), timers: [timer(id, `t-${i}`)] },
        })),
      );
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.every((l) => l.reason instanceof ConflictError)).toBe(true);
      const instance = await store.getInstance(id);
      expect(instance).toMatchObject({ rev: 2, lastSeq: 4 });
      const winner = (instance!.variables as { winner: number }).winner;
      expect((await store.listEvents(id)).map((e) => ('elementId' in e ? e.elementId : e.type))).toEqual(['instance.started', 'start', `by-${winner}`, `by-${winner}`]);
    }, HOOK_TIMEOUT);
  });

  describe('waits reconciliation', () => {
    it('given tasks, timers, subscriptions and jobs, when the next step lists its waits, then staying rows keep their claims and gone rows go', async () => {
      const def = await deploy(store);
      const step = createStep(def);
      const id = step.instanceId;
      const t1 = task(id, def, 'e-task1', { candidateGroups: ['sales'] });
      const t2 = task(id, def, 'e-task2');
      const oldTimer = timer(id, 'e-timer');
      const sub = subscription(id, 'e-sub', `paid-${id}`);
      const j = job(id, def, 'e-job', `topic-${id}`);
      step.waits = { tasks: [t1, t2], timers: [oldTimer], subscriptions: [sub], jobs: [j] };
      await store.commitStep(step);

      // a claim: no waits given, so wait rows stay as they are
      const claimed = await store.commitStep({ instanceId: id, expectedRev: 1, instance: { status: 'running' }, events: [], taskUpdates: [{ id: t1.id, changes: { assignee: 'ann' } }] });
      expect(claimed.events).toEqual([]);
      expect((await store.listTasks({ instanceId: id, status: 'open' })).items).toHaveLength(2);
      const [locked] = await store.lockJobs({ workerId: 'w1', topics: [{ topic: j.topic, lockDurationMs: 60_000 }], maxJobs: 5, now: T0 });
      expect(locked.id).toBe(j.id);

      const t3 = task(id, def, 'e-task3');
      const newTimer = timer(id, 'e-timer2', at(10));
      await store.commitStep({
        instanceId: id, expectedRev: 2, instance: { status: 'running' }, events: [entered(id, 'x')],
        waits: {
          tasks: [{ ...task(id, def, 'e-task1'), assignee: null }, t3],
          timers: [newTimer],
          subscriptions: [],
          jobs: [{ ...job(id, def, 'e-job', j.topic) }],
        },
      });

      expect(await store.getTask(t1.id)).toMatchObject({ status: 'open', assignee: 'ann' });
      expect(await store.getTask(t2.id)).toMatchObject({ status: 'cancelled' });
      expect(await store.getTask(t3.id)).toMatchObject({ status: 'open' });
      expect((await store.listTasks({ instanceId: id })).items.map((t) => t.id).sort()).toEqual([t1.id, t2.id, t3.id].sort());
      expect(await store.getTimer(oldTimer.id)).toBeUndefined();
      expect(await store.getTimer(newTimer.id)).toEqual(newTimer);
      expect(await store.findSubscriptions({ kind: 'message', name: sub.name })).toEqual([]);
      expect(await store.getJob(j.id)).toMatchObject({ workerId: 'w1', lockExpiresAt: at(1) });
      expect(await store.lockJobs({ workerId: 'w2', topics: [{ topic: j.topic, lockDurationMs: 1 }], maxJobs: 5, now: T0 })).toEqual([]);

      // the same timer execution with a new due time (a cycle's next run): rescheduled, lease dropped
      const [leased] = (await store.claimDueTimers({ now: at(10), limit: 1000, owner: 'n1', leaseMs: 60_000 })).filter((t) => t.id === newTimer.id);
      expect(leased).toBeDefined();
      await store.commitStep({
        instanceId: id, expectedRev: 3, instance: { status: 'running' }, events: [],
        waits: { tasks: [t3], timers: [{ ...newTimer, id: uid('timer'), dueAt: at(20) }], subscriptions: [], jobs: [j] },
      });
      expect(await store.getTimer(newTimer.id)).toEqual({ ...newTimer, dueAt: at(20) });
      expect((await store.claimDueTimers({ now: at(20), limit: 1000, owner: 'n2', leaseMs: 60_000 })).map((t) => t.id)).toContain(newTimer.id);

      // the job's wait is gone: the row goes too
      await store.commitStep({ instanceId: id, expectedRev: 4, instance: { status: 'running' }, events: [], waits: { ...noWaits(), tasks: [t3] } });
      expect(await store.getJob(j.id)).toBeUndefined();
      expect(await store.getTimer(newTimer.id)).toBeUndefined();
    });

    it('given a subscription, then it is found by name, business key and instance', async () => {
      const def = await deploy(store);
      const step = createStep(def, { businessKey: 'order-1' });
      const name = uid('msg');
      const sub = { ...subscription(step.instanceId, 'e1', name), businessKey: 'order-1' };
      step.waits = { ...noWaits(), subscriptions: [sub] };
      await store.commitStep(step);
      expect(await store.findSubscriptions({ kind: 'message', name })).toEqual([sub]);
      expect(await store.findSubscriptions({ kind: 'message', name, businessKey: 'order-1' })).toEqual([sub]);
      expect(await store.findSubscriptions({ kind: 'message', name, businessKey: 'order-2' })).toEqual([]);
      expect(await store.findSubscriptions({ kind: 'signal', name })).toEqual([]);
      expect(await store.findSubscriptions({ kind: 'message', name, instanceId: step.instanceId })).toEqual([sub]);
    });

    it('given incidents raised and resolved in steps, then they are listed open or resolved', async () => {
      const def = await deploy(store);
      const step = createStep(def);
      const id = step.instanceId;
      const inc = { id: uid('inc'), instanceId: id, definitionId: def.id, elementId: 'send', jobId: null, message: 'retries exhausted', details: 'stack', createdAt: T0, resolvedAt: null };
      step.incidentsRaised = [inc];
      await store.commitStep(step);
      expect(await store.listIncidents({ instanceId: id, open: true })).toEqual([inc]);
      expect(await store.listIncidents({ definitionId: def.id, elementId: 'send' })).toEqual([inc]);
      await store.commitStep({ instanceId: id, expectedRev: 1, instance: { status: 'running' }, events: [], incidentsResolved: [{ id: inc.id, resolvedAt: at(1) }] });
      expect(await store.listIncidents({ instanceId: id, open: true })).toEqual([]);
      expect(await store.getIncident(inc.id)).toEqual({ ...inc, resolvedAt: at(1) });
    });
  });

  describe('timers', () => {
    it('given due timers, when two nodes claim them concurrently, then no timer is handed out twice while leased', async () => {
      const other = await db.openAnother();
      const def = await deploy(store);
      const step = createStep(def);
      const timers = Array.from({ length: 24 }, (_, i) => timer(step.instanceId, `e${i}`, at(-1000 - i)));
      const notDue = timer(step.instanceId, 'later', at(5));
      step.waits = { ...noWaits(), timers: [...timers, notDue] };
      await store.commitStep(step);
      const now = at(0);

      const claimedBy = async (s: Store, owner: string) => {
        const got: string[] = [];
        for (;;) {
          const batch = await s.claimDueTimers({ now, limit: 3, owner, leaseMs: 60_000 });
          if (batch.length === 0) return got;
          got.push(...batch.map((t) => t.id));
        }
      };
      const [a, b, c] = await Promise.all([claimedBy(store, 'n1'), claimedBy(other, 'n2'), claimedBy(store, 'n3')]);
      const all = [...a, ...b, ...c].filter((tid) => timers.some((t) => t.id === tid) || tid === notDue.id);
      expect(all).toHaveLength(timers.length);
      expect(new Set(all)).toEqual(new Set(timers.map((t) => t.id)));

      // leased: nothing now; after the lease ends they come back
      expect((await store.claimDueTimers({ now: at(0.5), limit: 100, owner: 'n1', leaseMs: 60_000 })).filter((t) => t.instanceId === step.instanceId)).toEqual([]);
      const again = (await store.claimDueTimers({ now: at(2), limit: 1000, owner: 'n1', leaseMs: 60_000 })).filter((t) => t.instanceId === step.instanceId);
      expect(again.map((t) => t.id).sort()).toEqual(timers.map((t) => t.id).sort());
      expect(again[0]).toEqual(timers[timers.length - 1]); // oldest due first
      expect(await store.nextTimerDue()).toBeDefined();
    }, HOOK_TIMEOUT);
  });

  describe('jobs', () => {
    it('given available jobs, when two workers fetch concurrently, then no job goes to both', async () => {
      const other = await db.openAnother();
      const def = await deploy(store);
      const step = createStep(def);
      const topic = uid('topic');
      const jobs = Array.from({ length: 24 }, (_, i) => job(step.instanceId, def, `e${i}`, topic, { createdAt: at(-100 + i), availableAt: at(-100 + i) }));
      const backingOff = job(step.instanceId, def, 'later', topic, { availableAt: at(10) });
      const exhausted = job(step.instanceId, def, 'dead', topic, { retries: 0 });
      step.waits = { ...noWaits(), jobs: [...jobs, backingOff, exhausted] };
      await store.commitStep(step);

      const fetchAll = async (s: Store, workerId: string) => {
        const got: string[] = [];
        for (;;) {
          const batch = await s.lockJobs({ workerId, topics: [{ topic, lockDurationMs: 30_000 }], maxJobs: 4, now: at(0) });
          if (batch.length === 0) return got;
          expect(batch.every((j) => j.workerId === workerId && j.lockExpiresAt === at(0.5))).toBe(true);
          got.push(...batch.map((j) => j.id));
        }
      };
      const [a, b, c] = await Promise.all([fetchAll(store, 'w1'), fetchAll(other, 'w2'), fetchAll(other, 'w3')]);
      const all = [...a, ...b, ...c];
      expect(all).toHaveLength(jobs.length);
      expect(new Set(all)).toEqual(new Set(jobs.map((j) => j.id)));
    }, HOOK_TIMEOUT);

    it('given locks per topic, then each topic gets its duration, oldest first, and an expired lock is handed out again', async () => {
      const def = await deploy(store);
      const step = createStep(def);
      const [ta, tb] = [uid('a'), uid('b')];
      const ja = job(step.instanceId, def, 'ea', ta, { availableAt: at(-2) });
      const jb = job(step.instanceId, def, 'eb', tb, { availableAt: at(-3) });
      step.waits = { ...noWaits(), jobs: [ja, jb] };
      await store.commitStep(step);

      const locked = await store.lockJobs({ workerId: 'w1', topics: [{ topic: ta, lockDurationMs: 60_000 }, { topic: tb, lockDurationMs: 120_000 }], maxJobs: 10, now: at(0) });
      expect(locked.map((j) => [j.id, j.lockExpiresAt])).toEqual([[jb.id, at(2)], [ja.id, at(1)]]);
      const later = await store.lockJobs({ workerId: 'w2', topics: [{ topic: ta, lockDurationMs: 60_000 }, { topic: tb, lockDurationMs: 60_000 }], maxJobs: 10, now: at(1.5) });
      expect(later.map((j) => j.id)).toEqual([ja.id]);
      expect(later[0]).toMatchObject({ workerId: 'w2', lockExpiresAt: at(2.5) });
    });

    it('given a locked job, when another worker or a missing job is updated, then Conflict / NotFound; the holder may update', async () => {
      const def = await deploy(store);
      const step = createStep(def);
      const j = job(step.instanceId, def, 'e1', uid('topic'));
      step.waits = { ...noWaits(), jobs: [j] };
      await store.commitStep(step);
      // locked until 2030 (T0 + 10 min): still valid by the wall clock updateJob checks against
      expect(await store.lockJobs({ workerId: 'w1', topics: [{ topic: j.topic, lockDurationMs: 600_000 }], maxJobs: 1, now: T0 })).toHaveLength(1);

      await expect(store.updateJob(j.id, { retries: 2 }, { workerId: 'w2' })).rejects.toThrow(/job ".*" is not locked by worker "w2" \(it is locked by worker "w1"\)/);
      await expect(store.updateJob('missing', { retries: 2 }, { workerId: 'w1' })).rejects.toThrow(NotFoundError);
      const failed = await store.updateJob(j.id, { retries: 2, errorMessage: 'smtp down', workerId: null, lockExpiresAt: null, availableAt: at(5) }, { workerId: 'w1' });
      expect(failed).toMatchObject({ retries: 2, errorMessage: 'smtp down', workerId: null, lockExpiresAt: null, availableAt: at(5) });
      expect(await store.updateJob(j.id, { retries: 3 })).toMatchObject({ retries: 3 });

      await store.updateJob(j.id, { workerId: 'w1', lockExpiresAt: '2000-01-01T00:00:00.000Z' });
      await expect(store.updateJob(j.id, { retries: 1 }, { workerId: 'w1' })).rejects.toThrow(/lock expired/);
    });
  });

  describe('lists', () => {
    it('given many instances, when listed page by page, then every instance comes once, newest first', async () => {
      const def = await deploy(store);
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const step = createStep(def, { startedAt: at(Math.floor(i / 2)), businessKey: i === 3 ? 'bk-3' : null, tokens: i % 2 ? [{ elementId: 'review', count: 1 }] : [{ elementId: 'ship', count: 2 }] } as never);
        ids.push(step.instanceId);
        await store.commitStep(step);
      }
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listInstances({ key: def.key, limit: 3, cursor });
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(7);
      const all = (await store.listInstances({ key: def.key })).items;
      expect(all.map((i) => i.id)).toEqual(seen);
      for (let i = 1; i < all.length; i++) {
        const [p, c] = [all[i - 1], all[i]];
        expect(p.startedAt > c.startedAt || (p.startedAt === c.startedAt && p.id > c.id)).toBe(true);
      }
      expect((await store.listInstances({ key: def.key, businessKey: 'bk-3' })).items.map((i) => i.id)).toEqual([ids[3]]);
      expect((await store.listInstances({ definitionId: def.id, elementId: 'review' })).items.map((i) => i.id).sort()).toEqual([ids[1], ids[3], ids[5]].sort());
      expect((await store.listInstances({ key: def.key, version: 1, status: 'completed' })).items).toEqual([]);
      expect((await store.countInstancesByStatus({ key: def.key }))).toEqual([{ key: def.key, status: 'running', count: 7 }]);
      await expect(store.listInstances({ cursor: 'not a cursor' })).rejects.toThrow(/cursor/);
    });

    it('given tasks for different people, when listed visibleTo a user, then only assigned, candidate-user and candidate-group tasks show', async () => {
      const def = await deploy(store);
      const step = createStep(def);
      const id = step.instanceId;
      const [ann, bob, carl, sales] = [uid('ann'), uid('bob'), uid('carl'), uid('sales')];
      const mine = task(id, def, 'e1', { assignee: ann, createdAt: at(1) });
      const asCandidate = task(id, def, 'e2', { candidateUsers: [bob, bob], createdAt: at(2) });
      const asGroup = task(id, def, 'e3', { candidateGroups: [sales, 'other'], createdAt: at(3) });
      const nobody = task(id, def, 'e4', { createdAt: at(4) });
      step.waits = { ...noWaits(), tasks: [mine, asCandidate, asGroup, nobody] };
      await store.commitStep(step);

      const visible = async (username: string, groups: string[]) => (await store.listTasks({ visibleTo: { username, groups } })).items.map((t) => t.id);
      expect(await visible(ann, [])).toEqual([mine.id]);
      expect(await visible(bob, [])).toEqual([asCandidate.id]);
      expect(await visible(carl, [sales])).toEqual([asGroup.id]);
      expect(await visible(bob, [sales])).toEqual([asGroup.id, asCandidate.id]);
      expect(await visible(carl, [])).toEqual([]);
      expect((await store.listTasks({ candidateGroup: sales })).items.map((t) => t.id)).toEqual([asGroup.id]);
      expect((await store.listTasks({ candidateUser: bob })).items.map((t) => t.id)).toEqual([asCandidate.id]);
      expect((await store.listTasks({ assignee: ann, status: 'open' })).items.map((t) => t.id)).toEqual([mine.id]);
      expect((await store.listTasks({ instanceId: id, unassigned: true })).items.map((t) => t.id)).toEqual([nobody.id, asGroup.id, asCandidate.id]);

      const first = await store.listTasks({ instanceId: id, limit: 3 });
      expect(first.items.map((t) => t.id)).toEqual([nobody.id, asGroup.id, asCandidate.id]);
      const second = await store.listTasks({ instanceId: id, limit: 3, cursor: first.nextCursor });
      expect(second).toEqual({ items: [mine] });
    });

    it('given history of a definition, then element stats count entries, completions and average durations', async () => {
      const def = await deploy(store);
      for (const durations of [[100], [300]]) {
        const step = createStep(def);
        const id = step.instanceId;
        step.events = [started(id, def), entered(id, 'A'), completed(id, 'A', durations[0]), entered(id, 'B'), completed(id, 'B'), entered(id, 'C')];
        await store.commitStep(step);
      }
      expect(await store.elementStats(def.id)).toEqual([
        { elementId: 'A', entered: 2, completed: 2, avgDurationMs: 200 },
        { elementId: 'B', entered: 2, completed: 2, avgDurationMs: null },
        { elementId: 'C', entered: 2, completed: 0, avgDurationMs: null },
      ]);
      expect(await store.elementStats('no-such-definition')).toEqual([]);
    });
  });
});

describe('SQLite durability', () => {
  it('given committed data, when the store is closed and the file reopened, then the data is there and the file is in WAL mode', async () => {
    const db = await openTestStore('sqlite');
    try {
      const def = await deploy(db.store);
      const step = createStep(def);
      await db.store.commitStep(step);
      await db.store.close();

      const reopened = await openSqliteStore(db.location);
      try {
        await reopened.migrate();
        expect(await reopened.getInstance(step.instanceId)).toMatchObject({ rev: 1, lastSeq: 2 });
        expect(await reopened.listEvents(step.instanceId)).toHaveLength(2);
      } finally {
        await reopened.close();
      }
      const raw = new BetterSqlite3(db.location, { readonly: true });
      try {
        expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        raw.close();
      }
    } finally {
      await db.cleanup();
    }
  });
});
