import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
  const api = rt.as(rt.admin);
  await api.definitions.deploy({
    xml: bpmn(
      'payment',
      `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
       <receiveTask id="wait" messageRef="M_paid" /><sequenceFlow id="f2" sourceRef="wait" targetRef="e" /><endEvent id="e" />`,
      '<message id="M_paid" name="payment-received" />',
    ),
  });
  await api.definitions.deploy({
    xml: bpmn(
      'inbound',
      `<startEvent id="byMail"><messageEventDefinition messageRef="M_order" /></startEvent>
       <sequenceFlow id="f1" sourceRef="byMail" targetRef="t" /><userTask id="t" />`,
      '<message id="M_order" name="order-received" />',
    ),
  });
  await api.definitions.deploy({
    xml: bpmn(
      'alarm',
      `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="catch" />
       <intermediateCatchEvent id="catch"><signalEventDefinition signalRef="S_fire" /></intermediateCatchEvent>
       <sequenceFlow id="f2" sourceRef="catch" targetRef="e" /><endEvent id="e" />`,
      '<signal id="S_fire" name="fire" />',
    ),
  });
  await api.definitions.deploy({
    xml: bpmn('onAlarm', `<startEvent id="sig"><signalEventDefinition signalRef="S_fire2" /></startEvent><sequenceFlow id="f" sourceRef="sig" targetRef="t" /><userTask id="t" />`, '<signal id="S_fire2" name="fire" />'),
  });
});
afterAll(() => rt.cleanup());

describe('messages.correlate', () => {
  it('given two waiting instances, when a message names one business key, then only that one moves', async () => {
    const api = rt.as(rt.admin);
    const a = await api.instances.start({ key: 'payment', businessKey: 'A' });
    const b = await api.instances.start({ key: 'payment', businessKey: 'B' });
    const result = await api.messages.correlate({ name: 'payment-received', businessKey: 'B', variables: { paid: 42 } });
    expect(result.correlated).toEqual([{ instanceId: b.id, elementId: 'wait' }]);
    expect(await api.instances.get({ id: b.id })).toMatchObject({ status: 'completed', variables: { paid: 42 } });
    expect((await api.instances.get({ id: a.id })).status).toBe('running');
  });

  it('given instances told apart by a variable, when correlated by variable equality, then the matching one moves', async () => {
    const api = rt.as(rt.admin);
    const x = await api.instances.start({ key: 'payment', variables: { orderId: 'x-1' } });
    const y = await api.instances.start({ key: 'payment', variables: { orderId: 'y-2' } });
    await api.messages.correlate({ name: 'payment-received', correlationVariables: { orderId: 'y-2' } });
    expect((await api.instances.get({ id: y.id })).status).toBe('completed');
    expect((await api.instances.get({ id: x.id })).status).toBe('running');
  });

  it('given a message start event, when nobody waits, then a new instance starts at that event', async () => {
    const api = rt.as(rt.admin);
    const result = await api.messages.correlate({ name: 'order-received', businessKey: 'mail-7', variables: { from: 'ann' } });
    expect(result.started).toHaveLength(1);
    const instance = await api.instances.get({ id: result.started[0] });
    expect(instance).toMatchObject({ key: 'inbound', businessKey: 'mail-7', variables: { from: 'ann' }, tokens: [{ elementId: 't', count: 1 }] });
  });

  it('given no receiver, then NOT_FOUND names the message', async () => {
    await expect(rt.as(rt.admin).messages.correlate({ name: 'nobody-listens' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('nobody-listens') });
  });
});

describe('signals.broadcast', () => {
  it('given waiting catch events and a signal start event, when broadcast, then all waiting move and a new instance starts', async () => {
    const api = rt.as(rt.admin);
    const one = await api.instances.start({ key: 'alarm' });
    const two = await api.instances.start({ key: 'alarm' });
    const result = await api.signals.broadcast({ name: 'fire' });
    expect(result.delivered).toBe(2);
    expect(result.started).toHaveLength(1);
    expect((await api.instances.get({ id: one.id })).status).toBe('completed');
    expect((await api.instances.get({ id: two.id })).status).toBe('completed');
    const history = (await api.instances.history({ id: one.id })).items;
    expect(history.find((e) => e.type === 'signal.received')).toMatchObject({ actor: 'admin', elementId: 'catch' });
  });
});
