/**
 * Failures a user must see, not guess: an expression that cannot be evaluated and a script that runs
 * away both stop the instance as `failed` with an incident naming the element and the cause, and the
 * runtime keeps serving.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bpmn, createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
});
afterAll(() => rt.cleanup());

describe('failures become incidents', () => {
  it('given a gateway condition over an undefined variable, then the instance fails with an incident naming the element and expression', async () => {
    const api = rt.as(rt.admin);
    await api.definitions.deploy({
      xml: bpmn('cond', `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="gw" />
        <exclusiveGateway id="gw" default="low" />
        <sequenceFlow id="high" sourceRef="gw" targetRef="e1"><conditionExpression>\${amount &gt; 1000}</conditionExpression></sequenceFlow>
        <sequenceFlow id="low" sourceRef="gw" targetRef="e2" /><endEvent id="e1" /><endEvent id="e2" />`),
    });
    const { id, status } = await api.instances.start({ key: 'cond' });
    expect(status).toBe('failed');
    const instance = await api.instances.get({ id });
    expect(instance.incidents).toHaveLength(1);
    expect(instance.incidents[0].message).toMatch(/amount/);
    expect(instance.incidents[0].message).toMatch(/amount > 1000/);
    // with the variable, the same version runs fine
    expect((await api.instances.start({ key: 'cond', variables: { amount: 5 } })).status).toBe('completed');
  });

  it('given a script task that loops forever, then the instance fails with an incident and the runtime stays up', { timeout: 20_000 }, async () => {
    const api = rt.as(rt.admin);
    await api.definitions.deploy({
      xml: bpmn('spin', `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="loop" />
        <scriptTask id="loop" scriptFormat="javascript"><script>while (true) {}</script></scriptTask>
        <sequenceFlow id="g" sourceRef="loop" targetRef="e" /><endEvent id="e" />`),
    });
    const { id, status } = await api.instances.start({ key: 'spin' });
    expect(status).toBe('failed');
    const instance = await api.instances.get({ id });
    expect(instance.incidents[0]).toMatchObject({ elementId: 'loop' });
    expect(instance.incidents[0].message).toMatch(/time limit/);
    expect((await api.definitions.list()).items.length).toBeGreaterThan(0);
  });
});
