/**
 * Several runtime nodes on one PostgreSQL, as real processes over real HTTP: commands for one instance
 * may arrive at any node, live events fan out across nodes, a due timer fires once, concurrent task
 * completions on two nodes have exactly one winner, and a node killed with SIGKILL leaves nothing stuck.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instance, RuntimeEvent, Task } from '@baton/shared';
import { openTestStore, type TestStore } from './store/test-support/test-databases.js';
import { HttpApi, startRuntime, type RuntimeProcess } from './test-support/runtime-process.js';
import { subscribe } from './test-support/sse-client.js';
import { bpmn } from './test-support/test-runtime.js';

const PASSWORD = 'multi-node-password';
const approval = bpmn(
  'mnApproval',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="review" /><userTask id="review" name="Review" />
   <sequenceFlow id="f2" sourceRef="review" targetRef="wait" />
   <intermediateCatchEvent id="wait"><timerEventDefinition><timeDuration>PT1S</timeDuration></timerEventDefinition></intermediateCatchEvent>
   <sequenceFlow id="f3" sourceRef="wait" targetRef="e" /><endEvent id="e" />`,
);

let db: TestStore;
let a: RuntimeProcess;
let b: RuntimeProcess;
let env: Record<string, string>;

beforeAll(async () => {
  db = await openTestStore('postgres', { migrate: false });
  env = { DATABASE_URL: db.location, BATON_ADMIN_PASSWORD: PASSWORD, BATON_DATA_DIR: '/nonexistent-unused' };
  // both nodes start at once on an empty database: migrations and the admin bootstrap run once
  [a, b] = await Promise.all([startRuntime(env), startRuntime(env)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([a?.kill('SIGKILL'), b?.kill('SIGKILL')]);
  await db?.cleanup();
});

async function eventually<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('two nodes on one PostgreSQL', () => {
  it('serve the same data, fan out live events, fire each timer once and let one of two racing completions win', { timeout: 60_000 }, async () => {
    const apiA = await new HttpApi(a.url).login('admin', PASSWORD);
    const apiB = await new HttpApi(b.url).login('admin', PASSWORD);
    const users = await apiA.query<{ username: string }[]>('users.list');
    expect(users.filter((u) => u.username === 'admin')).toHaveLength(1);

    await apiA.mutation('definitions.deploy', { xml: approval });
    const { id } = await apiB.mutation<{ id: string }>('instances.start', { key: 'mnApproval' });

    // a browser on node B follows the instance while node A acts on it
    const seen: RuntimeEvent[] = [];
    const token = (await apiB.mutation<{ token: string }>('auth.login', { username: 'admin', password: PASSWORD })).token;
    const stream = subscribe(b.url, 'instances.onEvent', { instanceId: id }, token, (m) => seen.push(m.data as RuntimeEvent));
    await stream.ready;

    const task = (await apiA.query<{ items: Task[] }>('tasks.list', { instanceId: id })).items[0];
    await apiA.mutation('tasks.claim', { id: task.id });
    const race = await Promise.allSettled([apiA.mutation('tasks.complete', { id: task.id }), apiB.mutation('tasks.complete', { id: task.id })]);
    expect(race.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(race.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });

    const done = await eventually(() => apiB.query<Instance>('instances.get', { id }), (i) => i.status === 'completed');
    expect(done.status).toBe('completed');
    const history = (await apiA.query<{ items: RuntimeEvent[] }>('instances.history', { id })).items;
    expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
    expect(history.filter((e) => e.type === 'timer.fired')).toHaveLength(1);
    expect(history.filter((e) => e.type === 'task.completed')).toHaveLength(1);

    // node B's stream saw every event, in order, no gaps, including those committed on node A
    await eventually(async () => seen.length, (n) => n >= history.length, 5_000);
    stream.close();
    expect(seen.map((e) => e.seq)).toEqual(history.map((e) => e.seq));
  });

  it('given node A killed with SIGKILL mid-load, then node B finishes the work and A rejoins', { timeout: 90_000 }, async () => {
    const apiA = await new HttpApi(a.url).login('admin', PASSWORD);
    const apiB = await new HttpApi(b.url).login('admin', PASSWORD);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await (i % 2 ? apiA : apiB).mutation<{ id: string }>('instances.start', { key: 'mnApproval' })).id);
    // complete half the tasks through A while A is killed
    const work = (async () => {
      for (const id of ids.slice(0, 20)) {
        try {
          const task = (await apiA.query<{ items: Task[] }>('tasks.list', { instanceId: id })).items[0];
          await apiA.mutation('tasks.claim', { id: task.id });
          await apiA.mutation('tasks.complete', { id: task.id });
        } catch {
          return;
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    await a.kill('SIGKILL');
    await work;

    // node B completes whatever is left; A's timers and locks do not stay stuck
    for (const id of ids) {
      const open = (await apiB.query<{ items: Task[] }>('tasks.list', { instanceId: id, status: 'open' })).items;
      for (const task of open) {
        await apiB.mutation('tasks.claim', { id: task.id }).catch(() => undefined);
        await apiB.mutation('tasks.complete', { id: task.id });
      }
    }
    for (const id of ids) {
      const instance = await eventually(() => apiB.query<Instance>('instances.get', { id }), (i) => i.status === 'completed', 15_000);
      expect(instance.status).toBe('completed');
      const history = (await apiB.query<{ items: RuntimeEvent[] }>('instances.history', { id })).items;
      expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
      expect(history.filter((e) => e.type === 'timer.fired')).toHaveLength(1);
    }
    a = await startRuntime(env);
    const back = await new HttpApi(a.url).login('admin', PASSWORD);
    expect((await back.query<Instance>('instances.get', { id: ids[0] })).status).toBe('completed');
  });
});
