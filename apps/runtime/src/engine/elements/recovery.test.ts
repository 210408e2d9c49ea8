/**
 * Baton's element behaviours survive a restart: every step below runs in a brand-new EngineHost
 * recovered from the previous step's snapshot, as after a crash or an LRU eviction.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from '../definition-model.js';
import { EngineHost, type EngineCommand, type StepOutcome } from '../engine-host.js';
import { createEngineOptions } from '../engine-options.js';

const scenario = (name: string) => readFileSync(new URL(`../../http/scenarios/${name}`, import.meta.url), 'utf8');

async function restartingRunner(xml: string) {
  const parsed = await parseDefinition(xml);
  const options = await createEngineOptions({ scriptsEnabled: true, cacheSize: 1 });
  let snapshot: string | null = null;
  let rev = 0;
  return async (command: EngineCommand): Promise<StepOutcome> => {
    const host = new EngineHost(options); // nothing in memory: recover from the snapshot
    const outcome = await host.run({ instanceId: 'i1', definition: { id: 'd1', parsed }, snapshot, rev }, command);
    snapshot = outcome.snapshot;
    rev += 1;
    return outcome;
  };
}

describe('element behaviours across restarts', () => {
  it('given a timer event sub-process armed before a restart, when its timer fires after it, then it still interrupts its scope', async () => {
    const step = await restartingRunner(scenario('event-subprocesses.bpmn'));
    const started = await step({ type: 'start', variables: {} });
    const timer = started.waits.find((w) => w.kind === 'timer')!;
    const fired = await step({ type: 'fireTimer', executionId: timer.executionId });
    expect(fired.variables.log).toEqual(['expedite']);
    expect(fired.waits.filter((w) => w.kind === 'task')).toEqual([]);
    expect(fired.status).toBe('completed');
  });

  it('given a non-interrupting message event sub-process, then it is armed again after a restart', async () => {
    const step = await restartingRunner(scenario('event-subprocesses.bpmn'));
    let outcome = await step({ type: 'start', variables: {} });
    for (let i = 0; i < 2; i += 1) {
      const wait = outcome.waits.find((w) => w.kind === 'message')!;
      outcome = await step({ type: 'signal', executionId: wait.executionId });
    }
    expect(outcome.variables.log).toEqual(['updateLabel', 'updateLabel']);
    expect(outcome.waits.map((w) => w.kind).sort()).toEqual(['message', 'signal', 'task', 'timer']);
  });

  it('given parallel multi-instance tasks, then each iteration completes on its own across restarts', async () => {
    const step = await restartingRunner(scenario('multi-instance.bpmn'));
    let outcome = await step({ type: 'start', variables: { approvers: ['a', 'b', 'c'], parcels: ['x'] } });
    const [first, second] = outcome.waits;
    outcome = await step({ type: 'signal', executionId: first.executionId });
    expect(outcome.waits.map((w) => w.executionId)).not.toContain(first.executionId);
    outcome = await step({ type: 'signal', executionId: second.executionId });
    expect(outcome).toMatchObject({ status: 'completed', variables: { labels: ['x#0'] } });
  });

  it('given a call activity, then its call is requested once, not again when the caller is recovered', async () => {
    const step = await restartingRunner(scenario('call-parent.bpmn'));
    const started = await step({ type: 'start', variables: { order: 'o', amount: 1 } });
    expect(started.calls).toEqual([expect.objectContaining({ elementId: 'callReview', key: 'callChild', variables: { orderId: 'o', doubled: 2 } })]);
    const again = await step({ type: 'setVariables', variables: { note: 'x' } });
    expect(again.calls).toBeUndefined();
    const done = await step({ type: 'completeCall', executionId: started.calls![0].executionId, childVariables: { decision: 'ok' } });
    expect(done).toMatchObject({ status: 'completed', variables: { reviewDecision: 'ok', note: 'x' } });
  });
});
