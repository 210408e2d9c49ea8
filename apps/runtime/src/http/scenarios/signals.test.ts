/**
 * A signal thrown by a throw event inside one instance is a broadcast (BPMN 2.0 §10.5.1): after the
 * throwing step commits, it reaches the signal catch events waiting in OTHER instances and starts
 * processes with a matching signal start event, exactly like signals.broadcast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';
import { fixture, history } from './scenario-support.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
  for (const file of ['signal-across-instances.bpmn', 'signal-started.bpmn']) await rt.as(rt.admin).definitions.deploy({ xml: fixture(file) });
});
afterAll(() => rt.cleanup());

describe('signals thrown inside an instance', () => {
  it('given instances waiting for a signal, when another instance throws it, then they all continue and signal start events start', async () => {
    const api = rt.as(rt.admin);
    const waiting = await Promise.all([1, 2].map(() => api.instances.start({ key: 'signalAcrossInstances', variables: { role: 'customer' } })));
    const before = (await api.instances.list({ key: 'signalStarted' })).items.length;
    const supplier = await api.instances.start({ key: 'signalAcrossInstances', variables: { role: 'supplier' } });
    expect((await api.instances.get({ id: supplier.id })).status).toBe('completed');
    for (const { id } of waiting) {
      expect((await api.instances.get({ id })).status).toBe('completed');
      expect((await history(rt, id)).find((e) => e.type === 'signal.received')).toMatchObject({ elementId: 'waitRestock', name: 'restocked', actor: 'system' });
    }
    expect((await api.instances.list({ key: 'signalStarted' })).items.length).toBe(before + 1);
  });
});
