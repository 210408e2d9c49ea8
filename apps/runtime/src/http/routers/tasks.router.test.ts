import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../store/test-support/test-databases.js';
import { bpmn, createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';

const review = bpmn(
  'review',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="check" />
   <userTask id="check" name="Check order" camunda:candidateGroups="reviewers" camunda:dueDate="P1D">
     <extensionElements><camunda:formData>
       <camunda:formField id="approved" label="Approved" type="boolean"><camunda:validation><camunda:constraint name="required" /></camunda:validation></camunda:formField>
       <camunda:formField id="amount" label="Amount" type="long" />
     </camunda:formData></extensionElements>
   </userTask>
   <sequenceFlow id="f2" sourceRef="check" targetRef="gw" />
   <exclusiveGateway id="gw" default="f4" />
   <sequenceFlow id="f3" sourceRef="gw" targetRef="ship"><conditionExpression>\${approved}</conditionExpression></sequenceFlow>
   <sequenceFlow id="f4" sourceRef="gw" targetRef="no" />
   <userTask id="ship" name="Ship" camunda:assignee="\${starter}" />
   <sequenceFlow id="f5" sourceRef="ship" targetRef="e" /><endEvent id="e" /><endEvent id="no" />`,
);

describe.each(TEST_DIALECTS)('tasks on %s', (dialect) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await createTestRuntime(dialect);
    await rt.as(rt.admin).definitions.deploy({ xml: review });
  });
  afterAll(() => rt.cleanup());

  it('given a group task, when a reviewer claims and completes it, then the instance moves on with the variables', async () => {
    const rita = await rt.user(`rita-${dialect}`, { groups: ['reviewers'] });
    const { id } = await rt.as(rt.admin).instances.start({ key: 'review', businessKey: 'o-1', variables: { starter: 'sam' } });
    const mine = await rt.as(rita).tasks.list({ candidateGroup: 'reviewers', instanceId: id });
    expect(mine.items).toHaveLength(1);
    const task = mine.items[0];
    expect(task).toMatchObject({ name: 'Check order', candidateGroups: ['reviewers'], assignee: null, status: 'open' });
    expect(task.formFields.map((f) => f.id)).toEqual(['approved', 'amount']);
    expect(new Date(task.dueAt!).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    await expect(rt.as(rita).tasks.complete({ id: task.id, variables: { approved: true } })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('claim') });
    await rt.as(rita).tasks.claim({ id: task.id });
    await expect(rt.as(rita).tasks.complete({ id: task.id, variables: { approved: 'yes' } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Approved') });
    const done = await rt.as(rita).tasks.complete({ id: task.id, variables: { approved: true, amount: 3 } });
    expect(done).toMatchObject({ status: 'completed', completedBy: rita.username });

    const instance = await rt.as(rt.admin).instances.get({ id });
    expect(instance.variables).toEqual({ starter: 'sam', approved: true, amount: 3 });
    expect(instance.tokens).toEqual([{ elementId: 'ship', count: 1 }]);
    const ship = (await rt.as(rt.admin).tasks.list({ instanceId: id, status: 'open' })).items[0];
    expect(ship).toMatchObject({ elementId: 'ship', assignee: 'sam' });
  });

  it('given a completed task, when completed again, then CONFLICT and nothing changes', async () => {
    const { id } = await rt.as(rt.admin).instances.start({ key: 'review', variables: { starter: 'sam' } });
    const task = (await rt.as(rt.admin).tasks.list({ instanceId: id })).items[0];
    await rt.as(rt.admin).tasks.complete({ id: task.id, variables: { approved: false } });
    const before = await rt.as(rt.admin).instances.history({ id });
    const row = await rt.services.store.getInstance(id);
    await expect(rt.as(rt.admin).tasks.complete({ id: task.id, variables: { approved: true } })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already completed') });
    const after = await rt.as(rt.admin).instances.history({ id });
    expect(after.items).toEqual(before.items);
    expect(await rt.services.store.getInstance(id)).toEqual(row);
    expect(row!.status).toBe('completed');
  });

  it('given two completions at the same moment, then exactly one wins and the other is CONFLICT', async () => {
    const { id } = await rt.as(rt.admin).instances.start({ key: 'review', variables: { starter: 'sam' } });
    const task = (await rt.as(rt.admin).tasks.list({ instanceId: id })).items[0];
    const results = await Promise.allSettled([
      rt.as(rt.admin).tasks.complete({ id: task.id, variables: { approved: true } }),
      rt.as(rt.admin).tasks.complete({ id: task.id, variables: { approved: false } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    const events = (await rt.as(rt.admin).instances.history({ id })).items;
    expect(events.filter((e) => e.type === 'task.completed')).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it('given a user outside the candidate group, then the task is invisible and acting on it is FORBIDDEN', async () => {
    const outsider = await rt.user(`olga-${dialect}`, { groups: ['sales'] });
    const { id } = await rt.as(rt.admin).instances.start({ key: 'review', variables: { starter: 'sam' } });
    const task = (await rt.as(rt.admin).tasks.list({ instanceId: id })).items[0];
    expect((await rt.as(outsider).tasks.list({ instanceId: id })).items).toEqual([]);
    await expect(rt.as(outsider).tasks.get({ id: task.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rt.as(outsider).tasks.claim({ id: task.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rt.as(outsider).tasks.complete({ id: task.id, variables: { approved: true } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rt.as().tasks.list()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('given unknown ids and wrong types, then clear 4xx errors', async () => {
    const api = rt.as(rt.admin);
    await expect(api.tasks.get({ id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'task "nope" was not found' });
    await expect(api.instances.get({ id: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(api.instances.start({ key: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('missing') });
    await expect(api.instances.start({ key: 5 } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('key') });
    await expect(api.instances.start({ key: 'review', variables: JSON.parse('{"__proto__": {"polluted": true}}') })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('__proto__') });
    await expect(api.instances.start({ key: 'review', variables: { blob: 'x'.repeat(1_100_000) } })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('limit') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('given a running instance, when cancelled, then its open tasks are cancelled and the history says who', async () => {
    const { id } = await rt.as(rt.admin).instances.start({ key: 'review', variables: { starter: 'sam' } });
    await rt.as(rt.admin).instances.cancel({ id });
    const instance = await rt.as(rt.admin).instances.get({ id });
    expect(instance).toMatchObject({ status: 'cancelled', tokens: [] });
    expect((await rt.as(rt.admin).tasks.list({ instanceId: id })).items[0].status).toBe('cancelled');
    const last = (await rt.as(rt.admin).instances.history({ id })).items.at(-1);
    expect(last).toMatchObject({ type: 'instance.cancelled', actor: 'admin' });
  });
});
