/**
 * Errors, escalation and compensation as BPMN 2.0 defines them, asserted through the API: final
 * state, the `log` the diagrams' script tasks keep, incidents, and the RuntimeEvent history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';
import { completed, fixture, history } from './scenario-support.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
  const files = ['errors.bpmn', 'error-event-subprocess.bpmn', 'uncaught-error.bpmn', 'escalation.bpmn', 'escalation-event-subprocess.bpmn', 'compensation-throw.bpmn', 'compensation-end.bpmn'];
  for (const file of files) await rt.as(rt.admin).definitions.deploy({ xml: fixture(file) });
});
afterAll(() => rt.cleanup());

const start = (key: string, variables: Record<string, unknown> = {}) => rt.as(rt.admin).instances.start({ key, variables });
const get = (id: string) => rt.as(rt.admin).instances.get({ id });

describe('errors', () => {
  it('given an error end event in a sub-process, then the error boundary on the sub-process catches it and the normal path is skipped', async () => {
    const { id } = await start('errors', { path: 'sub', stock: 0 });
    const instance = await get(id);
    expect(instance).toMatchObject({ status: 'completed', variables: { log: ['backorder'] } });
    const done = completed(await history(rt, id));
    expect(done).toEqual(expect.arrayContaining(['noStock', 'stockError', 'backorder', 'end2']));
    expect(done).not.toContain('shipped');
  });

  it('given no error, then the sub-process completes normally', async () => {
    const { id } = await start('errors', { path: 'sub', stock: 5 });
    expect(await get(id)).toMatchObject({ status: 'completed', variables: { log: ['shipped'] } });
  });

  it("given a job's BPMN error, then the error boundary on the service task catches it", async () => {
    const api = rt.as(rt.admin);
    const { id } = await start('errors', { path: 'job', stock: 1 });
    const job = (await api.jobs.fetchAndLock({ workerId: 'w', topics: [{ topic: 'charge', lockDurationMs: 10_000 }], maxJobs: 5 })).find((j) => j.instanceId === id)!;
    await api.jobs.bpmnError({ id: job.id, workerId: 'w', errorCode: 'FRAUD' });
    expect(await get(id)).toMatchObject({ status: 'running', tokens: [{ elementId: 'investigate', count: 1 }] });
  });

  it('given an error end event, then an error event sub-process in the same scope handles it', async () => {
    const { id } = await start('errorEventSub');
    expect(await get(id)).toMatchObject({ status: 'completed', variables: { log: ['work', 'repair'] }, incidents: [] });
  });

  it('given an error end event nothing catches, then the instance FAILS with an incident naming the element', async () => {
    const { id } = await start('uncaughtError');
    const instance = await get(id);
    expect(instance.status).toBe('failed');
    expect(instance.incidents).toEqual([{ id: expect.any(String), elementId: 'unpaid', message: expect.stringMatching(/"unpaid".*UNPAID.*no boundary event or event sub-process/) }]);
    const types = (await history(rt, id)).map((e) => e.type);
    expect(types).toContain('instance.failed');
    expect(types).not.toContain('instance.completed');
  });
});

describe('escalation', () => {
  it('given escalations caught by a non-interrupting and an interrupting boundary event, then the first sub-process goes on and the second is cancelled', async () => {
    const { id } = await start('escalation');
    const instance = await get(id);
    expect(instance.status).toBe('completed');
    expect([...(instance.variables.log as string[])].sort()).toEqual(['aAfter', 'notified', 'takenOver']);
    const events = await history(rt, id);
    expect(events.filter((e) => e.type === 'activity.cancelled').map((e) => (e as { elementId: string }).elementId)).toContain('subB');
  });

  it('given escalation event sub-processes, then the non-interrupting one runs beside its scope and the interrupting one replaces the rest of it', async () => {
    const { id } = await start('escalationEventSub');
    const instance = await get(id);
    expect(instance.status).toBe('completed');
    expect([...(instance.variables.log as string[])].sort()).toEqual(['aAfter', 'aNotified', 'bTakenOver']);
  });
});

describe('compensation', () => {
  it('given an intermediate compensation throw, then handlers of the completed activities run in reverse order of completion before the flow continues', async () => {
    const { id } = await start('compensationThrow');
    expect(await get(id)).toMatchObject({ status: 'completed', variables: { log: ['bookFlight', 'bookHotel', 'cancelHotel', 'cancelFlight', 'notify'] } });
  });

  it('given a compensation end event, then the handlers run in reverse order of completion', async () => {
    const { id } = await start('compensationEnd');
    expect(await get(id)).toMatchObject({ status: 'completed', variables: { log: ['bookFlight', 'bookHotel', 'cancelHotel', 'cancelFlight'] } });
    const done = completed(await history(rt, id));
    expect(done.indexOf('cancelHotel')).toBeLessThan(done.indexOf('cancelFlight'));
  });
});
