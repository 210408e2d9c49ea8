/**
 * The SQLite store's thread boundary and group commit: what the store contract suite (inline, from
 * source) does not see. The worker here runs the TypeScript source through tsx, as `npm run dev` does.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewRuntimeEvent } from '@baton/shared';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConflictError } from '../../errors.js';
import type { DefinitionRow, StepCommit, Store } from '../store.js';
import { GroupCommitter } from './group-commit.js';
import { openSqliteKyselyStore } from './sqlite-dialect.js';
import { openSqliteStore } from './sqlite-store.js';

const T0 = '2030-01-01T00:00:00.000Z';
const uid = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

async function deploy(store: Store): Promise<DefinitionRow> {
  const key = uid('proc');
  const { definition } = await store.deployDefinition({ id: uid('def'), key, name: key, xml: `<xml ${key}/>`, hash: key, deployedAt: T0, deployedBy: null, diagramId: null }, []);
  return definition;
}

function createStep(def: DefinitionRow, id = uid('inst')): StepCommit {
  const events: NewRuntimeEvent[] = [
    { type: 'instance.started', instanceId: id, at: T0, definitionId: def.id, key: def.key, version: def.version, businessKey: null },
  ];
  return {
    instanceId: id,
    expectedRev: null,
    instance: {
      definitionId: def.id, key: def.key, version: def.version, status: 'running', businessKey: null, variables: { n: 1 }, snapshot: '{}',
      engineVersion: '25.0.1', tokens: [], startedAt: T0, endedAt: null, parentInstanceId: null, parentExecutionId: null,
    },
    events,
    waits: { tasks: [], timers: [], subscriptions: [], jobs: [] },
  };
}

/** a step on an existing instance that expects `rev` */
function nextStep(def: DefinitionRow, instanceId: string, rev: number): StepCommit {
  return {
    instanceId,
    expectedRev: rev,
    instance: { status: 'running', variables: { n: rev + 1 } },
    events: [{ type: 'activity.entered', instanceId, elementId: `e${rev}`, at: T0 }],
  };
}

describe.each(['worker', 'inline'] as const)('SQLite store (%s thread)', (thread) => {
  let dir: string;
  let file: string;
  let store: Store;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'baton-sqlite-store-'));
    file = join(dir, 'baton.sqlite');
    store = await openSqliteStore(file, { thread });
    await store.migrate();
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('given 40 concurrent commands, when they are committed, then every one is stored and each sees its own result', async () => {
    const def = await deploy(store);
    const steps = Array.from({ length: 40 }, () => createStep(def));
    const results = await Promise.all(steps.map((s) => store.commitStep(s)));
    expect(results.map((r) => r.rev)).toEqual(steps.map(() => 1));
    for (const s of steps) expect((await store.getInstance(s.instanceId))?.variables).toEqual({ n: 1 });
  });

  it('given a batch where one command loses a race, when committed together, then only that one fails (as ConflictError) and nothing of it is stored', async () => {
    const def = await deploy(store);
    const a = createStep(def);
    const b = createStep(def);
    await Promise.all([store.commitStep(a), store.commitStep(b)]);
    // same tick: one batch. b's second command expects a stale rev.
    const outcomes = await Promise.allSettled([store.commitStep(nextStep(def, a.instanceId, 1)), store.commitStep(nextStep(def, b.instanceId, 7)), store.commitStep(createStep(def))]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const reason = (outcomes[1] as PromiseRejectedResult).reason;
    expect(reason).toBeInstanceOf(ConflictError);
    expect(String(reason.message)).toMatch(/rev|changed|conflict/i);
    expect(await store.getInstance(b.instanceId)).toMatchObject({ rev: 1, lastSeq: 1, variables: { n: 1 } });
    expect(await store.listEvents(b.instanceId)).toHaveLength(1);
    expect(await store.getInstance(a.instanceId)).toMatchObject({ rev: 2, lastSeq: 2 });
  });

  it('given a database error in the worker, when it reaches the caller, then it keeps its SQLite code', async () => {
    const step = createStep({ id: 'no-such-definition', key: 'k', version: 1 } as DefinitionRow);
    const error = (await store.commitStep(step).then(() => undefined, (e: unknown) => e)) as Error & { code?: string };
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toMatch(/^SQLITE_CONSTRAINT/);
    expect(await store.getInstance(step.instanceId)).toBeUndefined();
  });

  it('given acknowledged writes, when another connection opens the file, then they are there (committed, not merely in the batch)', async () => {
    const def = await deploy(store);
    const steps = Array.from({ length: 10 }, () => createStep(def));
    await Promise.all(steps.map((s) => store.commitStep(s)));
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      const count = raw.prepare(`select count(*) as n from instances where id in (${steps.map(() => '?').join(',')})`).get(...steps.map((s) => s.instanceId)) as { n: number };
      expect(count.n).toBe(10);
    } finally {
      raw.close();
    }
  });
});

describe('group commit', () => {
  it('given 10 writes and a read arriving in one tick, when the committer runs, then one COMMIT covers all writes and the read ran before them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-sqlite-store-'));
    try {
      const { store, connection } = await openSqliteKyselyStore(join(dir, 'baton.sqlite'));
      await store.migrate();
      const def = await deploy(store);
      const executed: string[] = [];
      const exec = connection.exec;
      connection.exec = (sql) => {
        executed.push(sql);
        exec(sql);
      };
      const replies = new Map<number, { ok: boolean; value?: unknown }>();
      const committer = new GroupCommitter(store, connection, (id, outcome) => replies.set(id, outcome));
      const steps = Array.from({ length: 10 }, () => createStep(def));
      steps.forEach((step, i) => committer.submit({ id: i, method: 'commitStep', args: [step] }));
      committer.submit({ id: 99, method: 'getInstance', args: [steps[0]!.instanceId] });
      await vi.waitFor(() => expect(replies.size).toBe(11));
      expect(executed.filter((sql) => sql === 'COMMIT')).toHaveLength(1);
      expect(committer.stats).toEqual({ batches: 1, writes: 10 });
      expect(replies.get(99)).toEqual({ ok: true, value: undefined }); // served before the batch's writes
      for (let i = 0; i < 10; i += 1) expect(replies.get(i)?.ok).toBe(true);
      expect(await store.getInstance(steps[9]!.instanceId)).toMatchObject({ rev: 1 });
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite store worker lifecycle', () => {
  it('given a closed store, when it is called, then the call fails with a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-sqlite-store-'));
    try {
      const store = await openSqliteStore(join(dir, 'baton.sqlite'), { thread: 'worker' });
      await store.migrate();
      await store.close();
      await expect(store.countUsers()).rejects.toThrow(/closed/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('given the worker thread dies, when the runtime calls the store, then every call fails and onFatal is told once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-sqlite-store-'));
    try {
      const fatal: Error[] = [];
      const store = await openSqliteStore(join(dir, 'baton.sqlite'), { thread: 'worker', onFatal: (e) => fatal.push(e) });
      await store.migrate();
      // what an out-of-memory or native crash of the thread looks like from here
      await (store as unknown as { transport: { stop(): Promise<void> } }).transport.stop();
      await vi.waitFor(() => expect(fatal).toHaveLength(1));
      expect(fatal[0]!.message).toMatch(/SQLite store worker stopped/);
      await expect(store.countUsers()).rejects.toThrow(/SQLite store worker stopped/);
      expect(fatal).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('given a file that cannot be opened, when the store opens, then it rejects naming the reason', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-sqlite-store-'));
    try {
      await writeFile(join(dir, 'not-a-directory'), '');
      await expect(openSqliteStore(join(dir, 'not-a-directory', 'baton.sqlite'), { thread: 'worker' })).rejects.toThrow(/EEXIST|ENOTDIR|not a directory/i);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
