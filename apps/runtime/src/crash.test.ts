/**
 * The durability guarantee, tested the way it can break: the built runtime runs as a child process on a
 * real SQLite file, clients start instances and complete tasks concurrently, and the process is killed
 * with SIGKILL in the middle of that load — three times in a row. After each restart on the same data
 * directory the load goes on; at the end:
 * - every acknowledged start and completion is there (a commit acknowledged to a client survives);
 * - every instance is where its own history says, and each history is seq 1..n, no gap, no duplicate;
 * - a timer that fell due while the runtime was down fires right after the restart;
 * - the instances then run to completion (nothing is stuck).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Instance, RuntimeEvent, Task } from '@baton/shared';
import { HttpApi, startRuntime, type RuntimeProcess } from './test-support/runtime-process.js';
import { bpmn } from './test-support/test-runtime.js';

const PASSWORD = 'crash-test-password';
const flow = bpmn(
  'crashflow',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="work" />
   <userTask id="work" name="Work" />
   <sequenceFlow id="f2" sourceRef="work" targetRef="pause" />
   <intermediateCatchEvent id="pause"><timerEventDefinition><timeDuration>PT1S</timeDuration></timerEventDefinition></intermediateCatchEvent>
   <sequenceFlow id="f3" sourceRef="pause" targetRef="e" /><endEvent id="e" />`,
);
const sleeper = bpmn(
  'sleeper',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="nap" />
   <intermediateCatchEvent id="nap"><timerEventDefinition><timeDuration>PT2S</timeDuration></timerEventDefinition></intermediateCatchEvent>
   <sequenceFlow id="f2" sourceRef="nap" targetRef="e" /><endEvent id="e" />`,
);

let dataDir: string;
let runtime: RuntimeProcess | undefined;

afterAll(async () => {
  await runtime?.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function pool<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  }));
}

async function eventually<T>(fn: () => Promise<T>, ok: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('kill -9 under load', () => {
  it('loses nothing acknowledged, leaves no gaps, and fires timers that fell due while down', { timeout: 120_000 }, async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'baton-crash-'));
    const env = { BATON_DATA_DIR: dataDir, BATON_ADMIN_PASSWORD: PASSWORD };
    runtime = await startRuntime(env);
    let api = await new HttpApi(runtime.url).login('admin', PASSWORD);
    await api.mutation('definitions.deploy', { xml: flow });
    await api.mutation('definitions.deploy', { xml: sleeper });

    // sleepers: their 2 s timers fall due while the runtime is down
    const sleepers: string[] = [];
    for (let i = 0; i < 5; i++) sleepers.push((await api.mutation<{ id: string }>('instances.start', { key: 'sleeper' })).id);

    // load: starts and completions from 8 concurrent clients; kill -9 lands in the middle of it.
    // Three rounds: killed, restarted on the same files, loaded and killed again.
    const started: string[] = [];
    const completedTasks = new Set<string>();
    for (let round = 0; round < 3; round++) {
      let killed = false;
      const target = started.length + 40;
      const load = (async () => {
        const ids = Array.from({ length: 300 }, (_, i) => i);
        await pool(ids, 8, async (i) => {
          if (killed) return;
          try {
            const { id } = await api.mutation<{ id: string }>('instances.start', { key: 'crashflow', businessKey: `r${round}-${i}` });
            started.push(id);
            const tasks = await api.query<{ items: Task[] }>('tasks.list', { instanceId: id });
            const task = tasks.items[0];
            await api.mutation('tasks.claim', { id: task.id });
            await api.mutation('tasks.complete', { id: task.id, variables: { i } });
            completedTasks.add(task.id);
          } catch {
            // the process died under this request: it was never acknowledged
          }
        });
      })();
      await eventually(async () => started.length, (n) => n >= target, 60_000);
      killed = true;
      await runtime.kill('SIGKILL');
      await load;
      if (round === 0) await new Promise((r) => setTimeout(r, 2_500)); // the sleepers' timers fall due while nothing runs
      runtime = await startRuntime(env);
      const restartedAt = Date.now();
      api = await new HttpApi(runtime.url).login('admin', PASSWORD);
      if (round === 0) {
        // the overdue timers fire right after the restart
        for (const id of sleepers) {
          const instance = await eventually(() => api.query<Instance>('instances.get', { id }), (i) => i.status === 'completed', 5_000);
          expect(instance.status).toBe('completed');
        }
        expect(Date.now() - restartedAt).toBeLessThan(5_000);
      }
    }
    expect(started.length).toBeGreaterThanOrEqual(120);

    // every acknowledged start is there; every acknowledged completion took effect
    for (const id of started) {
      const instance = await api.query<Instance>('instances.get', { id });
      const events = (await api.query<{ items: RuntimeEvent[] }>('instances.history', { id })).items;
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events[0].type).toBe('instance.started');
      const tasks = (await api.query<{ items: Task[] }>('tasks.list', { instanceId: id })).items;
      const work = tasks.find((t) => t.elementId === 'work')!;
      expect(work).toBeDefined();
      const taskCompleted = events.some((e) => e.type === 'task.completed');
      if (completedTasks.has(work.id)) expect(taskCompleted).toBe(true);
      // state agrees with history
      expect(work.status === 'completed').toBe(taskCompleted);
      if (instance.status === 'completed') expect(events.at(-1)!.type).toBe('instance.completed');
      else expect(instance.tokens.length).toBe(1);
    }

    // nothing is stuck: finish the open tasks, then every instance completes (its 1 s timers fire)
    const open = (await api.query<{ items: Task[] }>('tasks.list', { status: 'open', limit: 500 })).items;
    for (const task of open) {
      await api.mutation('tasks.claim', { id: task.id }).catch(() => undefined);
      await api.mutation('tasks.complete', { id: task.id, variables: {} });
    }
    for (const id of started) {
      const instance = await eventually(() => api.query<Instance>('instances.get', { id }), (i) => i.status === 'completed', 10_000);
      expect(instance.status).toBe('completed');
    }
    // after completion, histories are still gap-free and each has exactly one task.completed
    for (const id of started.slice(0, 50)) {
      const events = (await api.query<{ items: RuntimeEvent[] }>('instances.history', { id })).items;
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === 'task.completed')).toHaveLength(1);
      expect(events.filter((e) => e.type === 'timer.fired')).toHaveLength(1);
    }
  });
});
