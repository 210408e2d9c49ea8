/**
 * Database errors during commits: every PostgreSQL connection of the runtime is terminated while
 * clients complete tasks. Each command either commits or fails with an error to its caller; no
 * instance is left half-advanced (history gap-free and matching task state), and the same process
 * serves commands again afterwards without a restart.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '@baton/shared';
import { bpmn, createTestRuntime, type TestRuntime } from './test-support/test-runtime.js';

let rt: TestRuntime;
let admin: pg.Client;
let database: string;

beforeAll(async () => {
  rt = await createTestRuntime('postgres');
  database = new URL(rt.location).pathname.slice(1);
  const url = new URL(process.env.BATON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await rt.as(rt.admin).definitions.deploy({ xml: bpmn('faulty', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" /><userTask id="t" /><sequenceFlow id="g" sourceRef="t" targetRef="e" /><endEvent id="e" />') });
});
afterAll(async () => {
  await admin?.end();
  await rt?.cleanup();
});

describe('PostgreSQL connections killed under load', () => {
  it('surfaces errors to callers, leaves every instance at a committed state, and recovers without restart', { timeout: 60_000 }, async () => {
    expect(database).toMatch(/^baton_test_/);
    const api = rt.as(rt.admin);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await api.instances.start({ key: 'faulty' })).id);

    let failures = 0;
    let killed = 0;
    const work = Promise.all(
      ids.map(async (id, i) => {
        await new Promise((r) => setTimeout(r, i * 5));
        try {
          const task = (await api.tasks.list({ instanceId: id })).items[0] as Task;
          await api.tasks.claim({ id: task.id });
          await api.tasks.complete({ id: task.id });
        } catch {
          failures += 1;
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 40));
    for (let round = 0; round < 3; round++) {
      const { rowCount } = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [database]);
      killed += rowCount ?? 0;
      await new Promise((r) => setTimeout(r, 30));
    }
    await work;
    expect(killed).toBeGreaterThan(0);

    // every instance is at a committed state: history gap-free, task state agrees with history
    for (const id of ids) {
      const history = (await api.instances.history({ id })).items;
      expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
      const task = (await api.tasks.list({ instanceId: id })).items[0];
      const completed = history.some((e) => e.type === 'task.completed');
      expect(task.status === 'completed').toBe(completed);
      const instance = await api.instances.get({ id });
      expect(instance.status === 'completed').toBe(completed);
    }

    // the same process serves again: finish what failed
    for (const id of ids) {
      const open = (await api.tasks.list({ instanceId: id, status: 'open' })).items;
      for (const task of open) {
        await api.tasks.claim({ id: task.id }).catch(() => undefined);
        await api.tasks.complete({ id: task.id });
      }
      expect((await api.instances.get({ id })).status).toBe('completed');
    }
    console.info(`database faults: ${killed} connections killed, ${failures} of ${ids.length} commands failed to their callers`);
  });
});
