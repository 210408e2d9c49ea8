import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Instance } from '@baton/shared';
import { bpmn, createTestRuntime, type TestRuntime } from '../test-support/test-runtime.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
});
afterAll(() => rt.cleanup());

async function until(id: string, ok: (i: Instance) => boolean, ms = 8_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const instance = await rt.as(rt.admin).instances.get({ id });
    if (ok(instance) || Date.now() > deadline) return instance;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('TimerScheduler', () => {
  it('given an intermediate duration timer, when it falls due, then the scheduler fires it once', async () => {
    await rt.as(rt.admin).definitions.deploy({ xml: bpmn('nap', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" /><intermediateCatchEvent id="t"><timerEventDefinition><timeDuration>PT0.3S</timeDuration></timerEventDefinition></intermediateCatchEvent><sequenceFlow id="g" sourceRef="t" targetRef="e" /><endEvent id="e" />') });
    rt.services.scheduler.start();
    const { id } = await rt.as(rt.admin).instances.start({ key: 'nap' });
    const instance = await until(id, (i) => i.status === 'completed');
    expect(instance.status).toBe('completed');
    const fired = (await rt.as(rt.admin).instances.history({ id })).items.filter((e) => e.type === 'timer.fired');
    expect(fired).toHaveLength(1);
  });

  it('given a timeDate in the past, then it fires right away; given one far ahead (beyond setTimeout\'s 24.8 days), then its due date is stored exactly', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const future = new Date(Date.now() + 40 * 86_400_000).toISOString();
    await rt.as(rt.admin).definitions.deploy({
      xml: bpmn('dates', `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="p" />
        <intermediateCatchEvent id="p"><timerEventDefinition><timeDate>${past}</timeDate></timerEventDefinition></intermediateCatchEvent>
        <sequenceFlow id="g" sourceRef="p" targetRef="far" />
        <intermediateCatchEvent id="far"><timerEventDefinition><timeDate>${future}</timeDate></timerEventDefinition></intermediateCatchEvent>
        <sequenceFlow id="h" sourceRef="far" targetRef="e" /><endEvent id="e" />`),
    });
    const { id } = await rt.as(rt.admin).instances.start({ key: 'dates' });
    const instance = await until(id, (i) => i.tokens.some((t) => t.elementId === 'far'));
    expect(instance.tokens).toEqual([{ elementId: 'far', count: 1 }]);
    const scheduled = (await rt.as(rt.admin).instances.history({ id })).items.filter((e) => e.type === 'timer.scheduled');
    expect(scheduled.map((e) => (e as { dueAt: string }).dueAt)).toEqual([past, future]);
    expect(await rt.services.store.nextTimerDue()).toBe(future);
  });

  it('given a non-interrupting cycle timer on a task, then it fires each cycle and stops when the task completes', async () => {
    await rt.as(rt.admin).definitions.deploy({
      xml: bpmn('remind', `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="work" /><userTask id="work" />
        <boundaryEvent id="nudge" attachedToRef="work" cancelActivity="false"><timerEventDefinition><timeCycle>R2/PT0.3S</timeCycle></timerEventDefinition></boundaryEvent>
        <sequenceFlow id="n" sourceRef="nudge" targetRef="note" /><manualTask id="note" /><sequenceFlow id="m" sourceRef="note" targetRef="ne" /><endEvent id="ne" />
        <sequenceFlow id="g" sourceRef="work" targetRef="e" /><endEvent id="e" />`),
    });
    const { id } = await rt.as(rt.admin).instances.start({ key: 'remind' });
    const deadline = Date.now() + 8_000;
    let fired = 0;
    while (Date.now() < deadline && fired < 2) {
      fired = (await rt.as(rt.admin).instances.history({ id })).items.filter((e) => e.type === 'timer.fired').length;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(fired).toBe(2);
    const passes = (await rt.as(rt.admin).instances.history({ id })).items.filter((e) => e.type === 'activity.completed' && e.elementId === 'note');
    expect(passes).toHaveLength(2);
    const task = (await rt.as(rt.admin).tasks.list({ instanceId: id })).items[0];
    await rt.as(rt.admin).tasks.complete({ id: task.id });
    expect((await rt.as(rt.admin).instances.get({ id })).status).toBe('completed');
  });
});
