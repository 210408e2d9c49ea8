import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';

let rt: TestRuntime;
const charge = bpmn(
  'charge',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="pay" />
   <serviceTask id="pay" name="Charge card" camunda:type="external" camunda:topic="payments" />
   <boundaryEvent id="declined" attachedToRef="pay"><errorEventDefinition errorRef="Err_declined" /></boundaryEvent>
   <sequenceFlow id="f2" sourceRef="pay" targetRef="ok" /><endEvent id="ok" />
   <sequenceFlow id="f3" sourceRef="declined" targetRef="fix" /><userTask id="fix" name="Fix payment" />`,
  '<error id="Err_declined" errorCode="CARD_DECLINED" />',
);

beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
  await rt.as(rt.admin).definitions.deploy({ xml: charge });
});
afterAll(() => rt.cleanup());

const fetch = (workerId: string, extra: Record<string, unknown> = {}) =>
  rt.as(rt.admin).jobs.fetchAndLock({ workerId, topics: [{ topic: 'payments', lockDurationMs: 60_000 }], maxJobs: 10, ...extra });

describe('jobs', () => {
  it('given a service task, when a worker fetches and completes the job, then the instance ends with its variables', async () => {
    const api = rt.as(rt.admin);
    const { id } = await api.instances.start({ key: 'charge', variables: { amount: 10 } });
    const jobs = await fetch('w1');
    const job = jobs.find((j) => j.instanceId === id)!;
    expect(job).toMatchObject({ topic: 'payments', elementId: 'pay', variables: { amount: 10 }, workerId: 'w1' });
    expect(await fetch('w2')).toEqual([]); // locked: never to a second worker
    await expect(api.jobs.complete({ id: job.id, workerId: 'w2' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await api.jobs.complete({ id: job.id, workerId: 'w1', variables: { receipt: 'r-1' } });
    expect(await api.instances.get({ id })).toMatchObject({ status: 'completed', variables: { amount: 10, receipt: 'r-1' } });
    await expect(api.jobs.complete({ id: job.id, workerId: 'w1' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const events = (await api.instances.history({ id })).items;
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['job.created', 'job.completed', 'instance.completed']));
    // the job's result is in the history with its value, so a replay shows variables as they were
    expect(events.find((e) => e.type === 'variables.updated')).toMatchObject({ names: ['receipt'], values: { receipt: 'r-1' }, actor: 'worker:w1' });
  });

  it('given retries run out, then an incident is raised; when retried, the job is available again', async () => {
    const api = rt.as(rt.admin);
    const { id } = await api.instances.start({ key: 'charge' });
    let job = (await fetch('w1')).find((j) => j.instanceId === id)!;
    await api.jobs.fail({ id: job.id, workerId: 'w1', errorMessage: 'gateway down', retries: 1, retryBackoffMs: 0 });
    job = (await fetch('w1')).find((j) => j.instanceId === id)!;
    expect(job.retries).toBe(1);
    const failed = await api.jobs.fail({ id: job.id, workerId: 'w1', errorMessage: 'gateway still down', errorDetails: 'HTTP 503', retries: 0 });
    expect(failed.incidentId).toBeDefined();
    expect(await fetch('w1')).toEqual([]);
    const instance = await api.instances.get({ id });
    expect(instance.incidents).toEqual([{ id: failed.incidentId, elementId: 'pay', message: 'gateway still down' }]);
    const incidents = await api.incidents.list({ instanceId: id });
    expect(incidents.items[0]).toMatchObject({ details: 'HTTP 503', jobId: job.id });

    await api.incidents.retry({ id: failed.incidentId!, retries: 2 });
    expect((await api.instances.get({ id })).incidents).toEqual([]);
    const again = (await fetch('w3')).find((j) => j.instanceId === id)!;
    expect(again.retries).toBe(2);
    await api.jobs.complete({ id: again.id, workerId: 'w3' });
    expect((await api.instances.get({ id })).status).toBe('completed');
  });

  it('given a BPMN error from the worker, then the error boundary event catches it', async () => {
    const api = rt.as(rt.admin);
    const { id } = await api.instances.start({ key: 'charge' });
    const job = (await fetch('w1')).find((j) => j.instanceId === id)!;
    await api.jobs.bpmnError({ id: job.id, workerId: 'w1', errorCode: 'CARD_DECLINED', variables: { reason: 'expired' } });
    const instance = await api.instances.get({ id });
    expect(instance).toMatchObject({ status: 'running', tokens: [{ elementId: 'fix', count: 1 }], variables: { reason: 'expired' } });
  });

  it('given no job, when a worker long-polls, then it gets the job as soon as one is created', async () => {
    const api = rt.as(rt.admin);
    const started = Date.now();
    const poll = fetch('w9', { asyncResponseTimeoutMs: 5_000 });
    await new Promise((r) => setTimeout(r, 100));
    const { id } = await api.instances.start({ key: 'charge' });
    const jobs = await poll;
    expect(jobs.map((j) => j.instanceId)).toEqual([id]);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('given a worker whose lock is about to expire, when it extends the lock, then it still holds the job', async () => {
    const api = rt.as(rt.admin);
    await api.instances.start({ key: 'charge' });
    const job = (await api.jobs.fetchAndLock({ workerId: 'slow', topics: [{ topic: 'payments', lockDurationMs: 50 }], maxJobs: 1 }))[0];
    const extended = await api.jobs.extendLock({ id: job.id, workerId: 'slow', newDurationMs: 60_000 });
    await new Promise((r) => setTimeout(r, 80));
    expect(new Date(extended.lockExpiresAt!).getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect((await fetch('other')).find((j) => j.id === job.id)).toBeUndefined();
    await api.jobs.complete({ id: job.id, workerId: 'slow' });
  });

  it('given an expired lock, then another worker gets the job and the first cannot complete it', async () => {
    const api = rt.as(rt.admin);
    const { id } = await api.instances.start({ key: 'charge' });
    const job = (await api.jobs.fetchAndLock({ workerId: 'a', topics: [{ topic: 'payments', lockDurationMs: 20 }], maxJobs: 10 })).find((j) => j.instanceId === id)!;
    await new Promise((r) => setTimeout(r, 50));
    const taken = (await fetch('b')).find((j) => j.instanceId === id)!;
    expect(taken.id).toBe(job.id);
    await expect(api.jobs.complete({ id: job.id, workerId: 'a' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await api.jobs.complete({ id: job.id, workerId: 'b' });
  });
});
