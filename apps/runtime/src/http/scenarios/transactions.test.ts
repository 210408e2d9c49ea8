/**
 * Transactions: bpmn-engine runs them, and a cancel end event cancels the transaction to its cancel
 * boundary event. Cancelling does not run compensation handlers in Baton, so a transaction that has
 * them next to a cancel end event is refused at deploy by name (never silently skipped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';
import { completed, fixture, history } from './scenario-support.js';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
});
afterAll(() => rt.cleanup());

describe('transactions', () => {
  it('given a transaction that ends in a cancel end event, then it is cancelled and its cancel boundary event continues the flow', async () => {
    const api = rt.as(rt.admin);
    await api.definitions.deploy({ xml: fixture('transaction-cancel.bpmn') });
    const { id } = await api.instances.start({ key: 'transactionCancel' });
    expect(await api.instances.get({ id })).toMatchObject({ status: 'completed', variables: { log: ['book', 'onCancel'] } });
    expect(completed(await history(rt, id))).not.toContain('confirmed');
  });

  it('given a cancel end event in a transaction with compensation handlers, then deploy refuses it naming the cancel end event', async () => {
    await expect(rt.as(rt.admin).definitions.deploy({ xml: fixture('transaction-cancel-refused.bpmn') })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/Cancel end event "abort" \(line \d+\) cancels transaction "booking"/),
    });
  });
});
