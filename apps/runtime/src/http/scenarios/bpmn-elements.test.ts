/**
 * The BPMN elements users model, each run through the API as a user would see it: sub-processes and
 * event sub-processes (timer inside a sub-process, message via messages.correlate, signal via
 * signals.broadcast), multi-instance over camunda:collection, gateways, event-based gateways, link,
 * terminate and conditional events, receive/send/business-rule/manual/none tasks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';
import { completed, fixture, history, runTimers } from './scenario-support.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
  for (const file of ['event-subprocesses.bpmn', 'multi-instance.bpmn', 'gateways.bpmn', 'event-gateway.bpmn', 'tasks-and-events.bpmn']) {
    await rt.as(rt.admin).definitions.deploy({ xml: fixture(file) });
  }
});
afterAll(() => rt.cleanup());

const api = () => rt.as(rt.admin);
const get = (id: string) => api().instances.get({ id });
const openTasks = async (instanceId: string) => (await api().tasks.list({ instanceId, status: 'open' })).items;

describe('sub-processes and event sub-processes', () => {
  it('given a timer event sub-process inside a sub-process, then its timer is armed with the scope and, when due, interrupts it', async () => {
    const { id } = await api().instances.start({ key: 'eventSubProcesses' });
    const timers = (await history(rt, id)).filter((e) => e.type === 'timer.scheduled');
    expect(timers).toEqual([expect.objectContaining({ elementId: 'slaTimer' })]);
    await runTimers(rt, id);
    const instance = await get(id);
    expect(instance.status).toBe('completed'); // the idle message/signal event sub-processes are released
    expect(instance.variables.log).toEqual(['expedite']);
    expect(await openTasks(id)).toEqual([]); // the interrupted sub-process's task is gone
    expect(completed(await history(rt, id))).toContain('fulfil');
  });

  it('given a message event sub-process, then messages.correlate reaches its start event (again and again, it does not interrupt)', async () => {
    const { id } = await api().instances.start({ key: 'eventSubProcesses', businessKey: 'order-7' });
    const waits = ((await get(id)).waits ?? []).map((w) => `${w.kind}:${w.elementId}`);
    expect(waits).toEqual(expect.arrayContaining(['message:addressStart', 'signal:recallStart', 'task:pack']));
    await api().messages.correlate({ name: 'addressChanged', businessKey: 'order-7' });
    await api().messages.correlate({ name: 'addressChanged', businessKey: 'order-7' });
    const instance = await get(id);
    expect(instance.variables.log).toEqual(['updateLabel', 'updateLabel']);
    expect((await openTasks(id)).map((t) => t.elementId)).toEqual(['pack']);
  });

  it('given a signal event sub-process, then signals.broadcast starts it and it interrupts the process', async () => {
    const { id } = await api().instances.start({ key: 'eventSubProcesses' });
    await api().signals.broadcast({ name: 'recall' });
    const instance = await get(id);
    expect(instance).toMatchObject({ status: 'completed', variables: { log: ['recalled'] } });
  });

  it('given the main flow finishes, then idle event sub-processes do not keep the instance alive', async () => {
    const { id } = await api().instances.start({ key: 'eventSubProcesses' });
    const [task] = await openTasks(id);
    await api().tasks.complete({ id: task.id, variables: {} });
    expect(await get(id)).toMatchObject({ status: 'completed', variables: { log: ['packed'] } });
  });
});

describe('conditional event sub-process', () => {
  it('given a non-interrupting conditional event sub-process, then it runs once when its condition becomes true', async () => {
    const xml = bpmn(
      'conditionalEventSub',
      `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="work" /><userTask id="work" /><sequenceFlow id="f2" sourceRef="work" targetRef="e" /><endEvent id="e" />
       <subProcess id="watch" triggeredByEvent="true"><startEvent id="overheated" isInterrupting="false"><conditionalEventDefinition><condition>\${temperature &gt; 90}</condition></conditionalEventDefinition></startEvent>
       <sequenceFlow id="w1" sourceRef="overheated" targetRef="alarm" /><scriptTask id="alarm" scriptFormat="javascript"><script>execution.setVariable('alarms', (execution.getVariable('alarms') || 0) + 1)</script></scriptTask></subProcess>`,
    );
    await api().definitions.deploy({ xml });
    const { id } = await api().instances.start({ key: 'conditionalEventSub', variables: { temperature: 20 } });
    await api().instances.setVariables({ id, variables: { temperature: 95 } });
    await api().instances.setVariables({ id, variables: { temperature: 96 } });
    expect((await get(id)).variables).toMatchObject({ alarms: 1 });
    const [task] = await openTasks(id);
    await api().tasks.complete({ id: task.id, variables: {} });
    expect((await get(id)).status).toBe('completed');
  });
});

describe('multi-instance', () => {
  it('given a parallel multi-instance user task over camunda:collection, then each item gets its own task and the completion condition ends it early', async () => {
    const { id } = await api().instances.start({ key: 'multiInstance', variables: { approvers: ['ann', 'bob', 'cy'], parcels: ['p1', 'p2'] } });
    const tasks = await openTasks(id);
    expect(tasks.map((t) => [t.assignee, t.name]).sort()).toEqual([['ann', 'Approve as ann'], ['bob', 'Approve as bob'], ['cy', 'Approve as cy']]);
    const ids = (await history(rt, id)).filter((e) => e.type === 'task.created').map((e) => (e as { taskId: string }).taskId);
    expect(new Set(ids).size).toBe(3);
    // each iteration waits under its own loop executionId: <activity execution>_<index>
    const executions = (await history(rt, id)).filter((e) => e.type === 'activity.waiting' && e.elementId === 'approve').map((e) => (e as { executionId: string }).executionId);
    expect(executions).toHaveLength(3);
    expect(executions.map((x) => x.replace(/^.*_(\d+)$/, '$1')).sort()).toEqual(['0', '1', '2']);
    expect(new Set(executions.map((x) => x.replace(/_\d+$/, ''))).size).toBe(1);
    await api().tasks.complete({ id: tasks[0].id, variables: {} });
    expect((await get(id)).status).toBe('running');
    await api().tasks.complete({ id: tasks[1].id, variables: {} });
    // nrOfCompletedInstances >= 2: the third approval is no longer needed; the sequential
    // multi-instance sub-process then labels each parcel with its element variable and loopCounter
    const instance = await get(id);
    expect(instance).toMatchObject({ status: 'completed', variables: { labels: ['p1#0', 'p2#1'] } });
    expect(instance.variables).not.toHaveProperty('parcel');
    expect((await api().tasks.list({ instanceId: id, status: 'open' })).items).toEqual([]);
  });
});

describe('gateways', () => {
  it('given an inclusive split, then the join waits for every taken branch and fires once; conditions on parallel-gateway flows are ignored', async () => {
    const { id } = await api().instances.start({ key: 'gateways', variables: { gift: true, card: true } });
    const instance = await get(id);
    expect(instance.status).toBe('completed');
    const log = instance.variables.log as string[];
    expect(log.slice(0, 2).sort()).toEqual(['wrapGift', 'writeCard']);
    expect(log.slice(2, 4).sort()).toEqual(['invoice', 'label']);
    expect(log.slice(4)).toEqual(['pack']);
    expect(completed(await history(rt, id)).filter((e) => e === 'orJoin')).toHaveLength(1);
  });

  it('given no inclusive condition is true, then the default flow is taken', async () => {
    const { id } = await api().instances.start({ key: 'gateways', variables: { gift: false, card: false } });
    expect(((await get(id)).variables.log as string[])[0]).toBe('plain');
  });

  it.each([
    ['message', 'byMessage'],
    ['timer', 'byTimer'],
    ['signal', 'bySignal'],
  ])('given an event-based gateway, when the %s comes first, then only that branch runs', async (kind, expected) => {
    const { id } = await api().instances.start({ key: 'eventGateway', businessKey: `eg-${kind}` });
    if (kind === 'message') await api().messages.correlate({ name: 'paid', businessKey: `eg-${kind}` });
    if (kind === 'signal') await api().signals.broadcast({ name: 'orderCancelled' });
    if (kind === 'timer') await runTimers(rt, id);
    const instance = await get(id);
    expect(instance).toMatchObject({ status: 'completed', variables: { log: [expected] } });
    if (kind === 'signal') {
      // the other event-gateway instances of this test file moved on already; none waits any more
      expect((await api().signals.broadcast({ name: 'orderCancelled' })).delivered).toBe(0);
    }
  });
});

describe('tasks and events', () => {
  it('none and manual tasks pass through, a receive task waits for its message, a conditional event for its condition, business-rule and send tasks are jobs, a link jumps and a terminate end event ends everything', async () => {
    const { id } = await api().instances.start({ key: 'tasksAndEvents', businessKey: 'tae-1', variables: { approved: false } });
    let instance = await get(id);
    expect((instance.waits ?? []).map((w) => `${w.kind}:${w.elementId}`)).toEqual(['message:receiveDocs']);
    expect(instance.tokens).toEqual([{ elementId: 'receiveDocs', count: 1 }]); // no phantom token on the link catch event
    expect(completed(await history(rt, id))).toEqual(expect.arrayContaining(['prepare', 'checkShelf']));

    await api().messages.correlate({ name: 'documentsReceived', businessKey: 'tae-1' });
    instance = await get(id);
    expect(instance.tokens).toEqual([{ elementId: 'approved', count: 1 }]);
    expect(instance.tokens).not.toContainEqual(expect.objectContaining({ elementId: 'receiveDocs' }));

    await api().instances.setVariables({ id, variables: { approved: true } });
    for (const topic of ['scoring', 'mail']) {
      const [job] = await api().jobs.fetchAndLock({ workerId: 'w', topics: [{ topic, lockDurationMs: 10_000 }], maxJobs: 1 });
      expect(job).toMatchObject({ instanceId: id, topic });
      await api().jobs.complete({ id: job.id, workerId: 'w' });
    }
    instance = await get(id);
    expect(instance.status).toBe('completed');
    const events = await history(rt, id);
    const done = completed(events);
    expect(events.some((e) => e.type === 'activity.entered' && e.elementId === 'jump')).toBe(true);
    expect(done).toEqual(expect.arrayContaining(['landing', 'split', 'stop']));
    expect(done).not.toContain('neverDone');
    expect(await openTasks(id)).toEqual([]);
  });
});
