/**
 * Call activities by key across deployments: the caller waits (a `call` wait) while the called
 * instance runs as its own instance; camunda:in/out map variables; an uncaught BPMN error of the
 * called instance is caught on the call activity; cancelling the caller cancels the called instance;
 * a pinned version is honoured; a cycle of calls stops at the depth limit with an incident.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../store/test-support/test-databases.js';
import { bpmn, createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';
import { MAX_CALL_DEPTH } from '../../services/call-activities.js';
import { fixture, history } from './scenario-support.js';

// caller and called instance commit separately: run on both databases
describe.each(TEST_DIALECTS)('call activities on %s', (dialect) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await createTestRuntime(dialect);
    const api = rt.as(rt.admin);
    for (const file of ['call-child.bpmn', 'call-parent.bpmn', 'call-versioned.bpmn', 'call-cycle.bpmn']) await api.definitions.deploy({ xml: fixture(file) });
  });
  afterAll(() => rt.cleanup());

  async function childOf(parentId: string) {
    const parent = await rt.as(rt.admin).instances.get({ id: parentId });
    expect(parent.children).toHaveLength(1);
    return rt.as(rt.admin).instances.get({ id: parent.children[0].id });
  }

  async function completeTask(instanceId: string, variables: Record<string, unknown> = {}) {
    const api = rt.as(rt.admin);
    const task = (await api.tasks.list({ instanceId, status: 'open' })).items[0];
    await api.tasks.complete({ id: task.id, variables });
    return task;
  }

  describe('call activities', () => {
    it('given a caller, when started, then it waits in a call wait while the called instance runs with the camunda:in variables', async () => {
      const api = rt.as(rt.admin);
      const { id } = await api.instances.start({ key: 'callParent', variables: { order: 'A-1', amount: 21, secret: 'x' } });
      const parent = await api.instances.get({ id });
      expect(parent.status).toBe('running');
      expect(parent.waits).toContainEqual(expect.objectContaining({ elementId: 'callReview', kind: 'call' }));
      const child = await childOf(id);
      expect(child).toMatchObject({ key: 'callChild', status: 'running', parentInstanceId: id, variables: { orderId: 'A-1', doubled: 42 } });
      expect(child.variables).not.toHaveProperty('secret');

      // when the called instance completes, the call activity completes with the camunda:out variables
      const task = await completeTask(child.id, { decision: 'yes', internal: 1 });
      expect(task.name).toBe('Review A-1');
      const done = await api.instances.get({ id });
      expect(done.status).toBe('completed');
      expect(done.variables).toMatchObject({ order: 'A-1', reviewDecision: 'yes' });
      expect(done.variables).not.toHaveProperty('internal');
      expect((await api.instances.get({ id: child.id })).status).toBe('completed');
      const types = (await history(rt, id)).map((e) => `${e.type}:${'elementId' in e ? e.elementId : ''}`);
      expect(types).toEqual(expect.arrayContaining(['activity.waiting:callReview', 'activity.completed:callReview', 'instance.completed:']));
    });

    it('given the called instance ends with an error end event, then the error boundary on the call activity catches it', async () => {
      const api = rt.as(rt.admin);
      const { id } = await api.instances.start({ key: 'callParent', variables: { order: 'B-2', amount: 1 } });
      const child = await childOf(id);
      await completeTask(child.id, { decision: 'no' });
      const calledRow = await api.instances.get({ id: child.id });
      expect(calledRow.status).toBe('failed');
      const parent = await api.instances.get({ id });
      expect(parent).toMatchObject({ status: 'running', tokens: [{ elementId: 'handleRejection', count: 1 }] });
    });

    it('given a waiting caller, when it is cancelled, then the called instance is cancelled too', async () => {
      const api = rt.as(rt.admin);
      const { id } = await api.instances.start({ key: 'callParent', variables: { order: 'C-3', amount: 1 } });
      const child = await childOf(id);
      await api.instances.cancel({ id });
      expect((await api.instances.get({ id: child.id })).status).toBe('cancelled');
    });

    it('given camunda:calledElementBinding="version", then that version is called even when a newer one exists', async () => {
      const api = rt.as(rt.admin);
      const child = (label: string) => bpmn('versionedChild', `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" /><scriptTask id="t" scriptFormat="javascript"><script>execution.setVariable('calledVersion', '${label}')</script></scriptTask><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />`);
      const v1 = await api.definitions.deploy({ xml: child('v1') });
      await api.definitions.deploy({ xml: child('v2') });
      expect(v1.version).toBe(1);
      const { id } = await api.instances.start({ key: 'callPinned', variables: { x: 1 } });
      const done = await api.instances.get({ id });
      expect(done).toMatchObject({ status: 'completed', variables: { x: 1, calledVersion: 'v1' } });
    });

    it('given a process that calls itself, then the chain stops at the depth limit with an incident on the call activity', async () => {
      const api = rt.as(rt.admin);
      const { id } = await api.instances.start({ key: 'callCycle' });
      let current = await api.instances.get({ id });
      let depth = 0;
      while (current.children.length) {
        current = await api.instances.get({ id: current.children[0].id });
        depth += 1;
      }
      expect(depth).toBe(MAX_CALL_DEPTH);
      expect(current.status).toBe('running');
      expect(current.incidents).toEqual([expect.objectContaining({ elementId: 'again', message: expect.stringMatching(/depth.*cycle of call activities/) })]);
    }, 30_000);
  });
});
