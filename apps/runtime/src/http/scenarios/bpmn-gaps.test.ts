/**
 * The measured gaps of bare bpmn-engine 25, each with a scenario proving Baton follows BPMN 2.0:
 * inclusive joins synchronise, standard loops loop WHILE the condition holds (and never freeze), a
 * parallel join never fires on a dead path, conditions on parallel-gateway flows are ignored, a
 * root-level itemDefinition deploys, complex gateways are refused by name, interrupting signal
 * boundary events act before the rest of the scope runs, a timer event sub-process inside a
 * sub-process is armed, an uncaught error end event fails the instance, a 30-day timer fires, and
 * signals are not buffered.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bpmn, createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';
import { MAX_ITERATIONS } from '../../engine/elements/standard-loop.js';
import { completed, fixture, history } from './scenario-support.js';

let rt: TestRuntime;
const FIXTURES = ['gap-standard-loop.bpmn', 'gap-standard-loop-test-before.bpmn', 'gap-loop-forever.bpmn', 'gap-dead-path-join.bpmn', 'gap-signal-boundary.bpmn', 'gap-long-timer.bpmn', 'gateways.bpmn', 'event-subprocesses.bpmn', 'uncaught-error.bpmn'];
beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
  for (const file of FIXTURES) await rt.as(rt.admin).definitions.deploy({ xml: fixture(file) });
});
afterAll(() => rt.cleanup());
afterEach(() => vi.restoreAllMocks());

const api = () => rt.as(rt.admin);
const start = (key: string, variables: Record<string, unknown> = {}) => api().instances.start({ key, variables });
const get = (id: string) => api().instances.get({ id });

describe('bpmn-engine gaps, BPMN 2.0 behaviour', () => {
  it('inclusive join: waits for every branch the split took and fires once', async () => {
    const { id } = await start('gateways', { gift: true, card: true });
    expect(completed(await history(rt, id)).filter((e) => e === 'orJoin' || e === 'pack')).toEqual(['orJoin', 'pack']);
  });

  it.each([
    // do-while (testBefore=false, the default): the body runs, then the loop goes on WHILE n < 3
    ['gapStandardLoop', 0, 3],
    ['gapStandardLoop', 5, 1],
    // while (testBefore=true): checked first, so zero iterations when n < 3 is false at the start
    ['gapStandardLoopTestBefore', 0, 3],
    ['gapStandardLoopTestBefore', 5, 0],
  ])('standard loop %s from n=%i: loops WHILE loopCondition is true -> %i iterations', async (key, n, iterations) => {
    const { id } = await start(key, { n });
    const instance = await get(id);
    expect(instance.status).toBe('completed');
    expect(((instance.variables.log as string[] | undefined) ?? []).length).toBe(iterations);
  });

  it('standard loop whose condition stays true: the instance fails with an incident instead of freezing the runtime', async () => {
    const started = Date.now();
    const { id } = await start('gapLoopForever');
    const instance = await get(id);
    expect(instance.status).toBe('failed');
    expect(instance.incidents).toEqual([expect.objectContaining({ elementId: 'spin', message: expect.stringContaining(`after ${MAX_ITERATIONS} iterations`) })]);
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('parallel join after an exclusive split: a dead incoming path means the join never fires (the token waits there)', async () => {
    const { id } = await start('gapDeadPathJoin', { pick: 'a' });
    const instance = await get(id);
    expect(instance.status).toBe('running');
    expect(instance.variables.log).toEqual(['a']);
    expect(instance.tokens).toEqual([{ elementId: 'join', count: 1 }]);
  });

  it('conditions on the outgoing flows of a parallel gateway are ignored: every branch runs', async () => {
    const { id } = await start('gateways', { gift: false, card: false });
    expect((await get(id)).variables.log).toContain('invoice'); // its flow carries ${false}
  });

  it('a root-level itemDefinition deploys and runs', async () => {
    const { key } = await api().definitions.deploy({ xml: fixture('gap-item-definition.bpmn') });
    const { id } = await start(key);
    expect((await get(id)).status).toBe('completed');
  });

  it('a complex gateway is refused at deploy with a message naming it', async () => {
    await expect(api().definitions.deploy({ xml: fixture('gap-complex-gateway.bpmn') })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/"decide" is a ComplexGateway.*line \d+/),
    });
  });

  it.each([
    ['a parallelMultiple catch event', '<intermediateCatchEvent id="both" parallelMultiple="true"><messageEventDefinition /><signalEventDefinition /></intermediateCatchEvent>', /"both".*parallelMultiple/],
    ['a negative loopMaximum', '<task id="both"><standardLoopCharacteristics loopMaximum="-1" /></task>', /"both".*loopMaximum -1/],
    ['a negative loopCardinality', '<task id="both"><multiInstanceLoopCharacteristics><loopCardinality>-1</loopCardinality></multiInstanceLoopCharacteristics></task>', /"both".*loopCardinality -1/],
    ['a call to a BPMN global task', '<callActivity id="both" calledElement="g" />', /"g" is a globalScriptTask/],
  ])('%s is refused at deploy, naming the element (never silently run differently)', async (_label, body, message) => {
    const extra = body.includes('callActivity') ? '<globalScriptTask id="g" />' : '';
    const xml = bpmn('refused', `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="both" />${body}`, extra);
    await expect(api().definitions.deploy({ xml })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(message) });
  });

  it('an interrupting signal boundary event cancels its sub-process before the flow after the throw runs', async () => {
    const { id } = await start('gapSignalBoundary');
    const instance = await get(id);
    expect(instance).toMatchObject({ status: 'completed', variables: { log: ['cleanUp'] } });
  });

  it('a timer event sub-process inside a sub-process is armed with its scope', async () => {
    const { id } = await start('eventSubProcesses');
    const scheduled = (await history(rt, id)).find((e) => e.type === 'timer.scheduled');
    expect(scheduled).toMatchObject({ elementId: 'slaTimer' });
    const due = new Date((scheduled as { dueAt: string }).dueAt).getTime();
    expect(Math.abs(due - (Date.now() + 4 * 3_600_000))).toBeLessThan(60_000);
  });

  it('an uncaught error end event at top level fails the instance (not a success)', async () => {
    const { id } = await start('uncaughtError');
    const instance = await get(id);
    expect(instance.status).toBe('failed');
    expect(instance.incidents).toEqual([expect.objectContaining({ elementId: 'unpaid' })]);
  });

  it('a P30D timer (beyond setTimeout\'s 24.8-day limit) gets the right due date and fires when the scheduler is told its time has come', async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const { id } = await start('gapLongTimer');
    const scheduled = (await history(rt, id)).find((e) => e.type === 'timer.scheduled') as { dueAt: string };
    const due = new Date(scheduled.dueAt);
    expect(Math.abs(due.getTime() - (Date.now() + 30 * 86_400_000))).toBeLessThan(60_000);
    // the engine never arms a real timer for it (a delay over 2^31-1 ms would fire at once)
    expect(setTimeoutSpy.mock.calls.filter(([, ms]) => Number(ms) > 2_147_483_647)).toEqual([]);
    await rt.services.scheduler.tick(new Date(due.getTime() - 60_000));
    expect((await get(id)).tokens).toEqual([{ elementId: 'month', count: 1 }]);
    await rt.services.scheduler.tick(new Date(due.getTime() + 1));
    expect((await get(id)).tokens).toEqual([{ elementId: 'go', count: 1 }]);
  });

  /*
   * Decision: signals are NOT buffered. BPMN 2.0 §10.5.1 defines a signal as a broadcast to the catch
   * events that are active when it is thrown; it has no receiver to be stored for (unlike a message,
   * which Baton's messages.correlate also does not buffer). Camunda 7 and Zeebe behave the same. So a
   * signal broadcast before the catch event is active is, by the spec, not received: that is the
   * correct behaviour, not a gap to fill. This test pins it.
   */
  it('a signal broadcast before the catch event is active is not delivered later (signals are not buffered)', async () => {
    const { id } = await start('gapLongTimer');
    await api().signals.broadcast({ name: 'go' });
    expect((await get(id)).tokens).toEqual([{ elementId: 'month', count: 1 }]);
    const { dueAt } = (await history(rt, id)).find((e) => e.type === 'timer.scheduled') as { dueAt: string };
    await rt.services.scheduler.tick(new Date(new Date(dueAt).getTime() + 1));
    expect((await get(id)).status).toBe('running'); // waiting at "go": the early signal is gone
    await api().signals.broadcast({ name: 'go' });
    expect(await get(id)).toMatchObject({ status: 'completed', variables: { log: ['done'] } });
  });
});
