import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from './definition-model.js';
import { EngineHost, type InstanceContext, type StepOutcome } from './engine-host.js';
import { createExpressions, evaluateExpression } from './expressions/index.js';

const xml = readFileSync(new URL('./fixtures/approval.bpmn', import.meta.url), 'utf8');

function newHost() {
  return new EngineHost({ expressions: createExpressions(), scripts: undefined, evaluator: { evaluate: (t, v) => evaluateExpression(t, v) }, cacheSize: 10 });
}

const types = (o: StepOutcome) => o.events.map((e) => `${e.type}${'elementId' in e && e.elementId ? `:${e.elementId}` : ''}`);

describe('EngineHost', () => {
  it('given a user task with camunda attributes, when started, then it waits with the task resolved and the timer due', async () => {
    const parsed = await parseDefinition(xml);
    const host = newHost();
    const ctx: InstanceContext = { instanceId: 'i1', definition: { id: 'd1', parsed }, snapshot: null, rev: 0 };
    const out = await host.run(ctx, { type: 'start', variables: { owner: 'rita', amount: 500, item: 'laptop' } });
    expect(out.status).toBe('running');
    expect(types(out)).toEqual(['activity.entered:start', 'activity.completed:start', 'flow.taken:f_start', 'activity.entered:review', 'activity.entered:remind', 'activity.waiting:remind', 'timer.scheduled:remind', 'activity.waiting:review', 'task.created:review']);
    const task = out.waits.find((w) => w.kind === 'task')!;
    expect(task.task).toMatchObject({ name: 'Review laptop', assignee: 'rita', candidateGroups: ['reviewers', 'managers'], priority: 70 });
    const timer = out.waits.find((w) => w.kind === 'timer')!;
    expect(new Date(timer.timer!.dueAt).getTime() - Date.now()).toBeGreaterThan(3_500_000);
  });

  it('given a snapshot, when recovered in a fresh host and the task is completed, then variables merge and the gateway sees them', async () => {
    const parsed = await parseDefinition(xml);
    const first = newHost();
    const started = await first.run({ instanceId: 'i2', definition: { id: 'd1', parsed }, snapshot: null, rev: 0 }, { type: 'start', variables: { owner: 'rita', amount: 500 } });
    const task = started.waits.find((w) => w.kind === 'task')!;
    // a brand-new host: nothing in memory, as after a restart
    const second = newHost();
    const done = await second.run({ instanceId: 'i2', definition: { id: 'd1', parsed }, snapshot: started.snapshot, rev: 1 }, { type: 'signal', executionId: task.executionId, variables: { approved: true } });
    expect(done.variables).toEqual({ owner: 'rita', amount: 500, approved: true });
    expect(types(done)).toEqual(['activity.completed:review', 'flow.taken:f_review', 'activity.entered:decide', 'activity.completed:decide', 'flow.taken:f_approved', 'activity.entered:wait_payment', 'activity.waiting:wait_payment', 'flow.skipped:f_rejected', 'activity.cancelled:remind']);
    expect(done.waits.map((w) => [w.kind, w.elementId, w.name])).toEqual([['message', 'wait_payment', 'payment-received']]);
    const paid = await second.run({ instanceId: 'i2', definition: { id: 'd1', parsed }, snapshot: done.snapshot, rev: 2 }, { type: 'signal', executionId: done.waits[0].executionId });
    expect(paid.status).toBe('completed');
    expect(types(paid).at(-1)).toBe('instance.completed');
  });

  it('given a waiting timer, when the snapshot is recovered after its due time, then it fires during recovery', async () => {
    const timerXml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="t" targetNamespace="x">
  <process id="wait" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="a" sourceRef="s" targetRef="t1" />
    <intermediateCatchEvent id="t1"><timerEventDefinition><timeDuration>PT0.05S</timeDuration></timerEventDefinition></intermediateCatchEvent>
    <sequenceFlow id="b" sourceRef="t1" targetRef="e" /><endEvent id="e" />
  </process>
</definitions>`;
    const parsed = await parseDefinition(timerXml);
    const started = await newHost().run({ instanceId: 'i3', definition: { id: 'd2', parsed }, snapshot: null, rev: 0 }, { type: 'start', variables: {} });
    expect(started.waits.map((w) => w.kind)).toEqual(['timer']);
    await new Promise((r) => setTimeout(r, 80));
    const fired = await newHost().run({ instanceId: 'i3', definition: { id: 'd2', parsed }, snapshot: started.snapshot, rev: 1 }, { type: 'fireTimer', executionId: started.waits[0].executionId });
    expect(fired.status).toBe('completed');
    expect(types(fired)).toContain('timer.fired:t1');
  });
});
