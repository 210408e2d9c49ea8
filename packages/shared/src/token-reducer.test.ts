import { describe, expect, it } from 'vitest';
import type { NewRuntimeEvent, RuntimeEvent } from './schemas/event.js';
import { advanceTokens, reduceEvents, reduceUntil, tokensOf } from './token-reducer.js';

const I = 'i1';
let clock = Date.parse('2030-01-01T10:00:00.000Z');

/** numbers events 1, 2, 3... and gives each a later time, like the store does */
function history(events: NewRuntimeEvent[]): RuntimeEvent[] {
  clock = Date.parse('2030-01-01T10:00:00.000Z');
  return events.map((e, i) => ({ ...e, seq: i + 1, at: new Date((clock += 1000)).toISOString() }) as RuntimeEvent);
}

const at = '';
const started: NewRuntimeEvent = { type: 'instance.started', instanceId: I, at, definitionId: 'd1', key: 'order', version: 1, businessKey: 'B-1' };
const enter = (elementId: string, executionId = `${elementId}_1`): NewRuntimeEvent => ({ type: 'activity.entered', instanceId: I, at, elementId, executionId });
const complete = (elementId: string, executionId = `${elementId}_1`): NewRuntimeEvent => ({ type: 'activity.completed', instanceId: I, at, elementId, executionId });
const take = (elementId: string, extra: { condition?: string; result?: boolean } = {}): NewRuntimeEvent => ({ type: 'flow.taken', instanceId: I, at, elementId, ...extra });

/** start -> review (user task, waiting for rita) with a timer boundary */
const waitingForReview = history([
  started,
  enter('start'),
  complete('start'),
  take('f1'),
  enter('review'),
  enter('remind'),
  { type: 'activity.waiting', instanceId: I, at, elementId: 'remind', executionId: 'remind_1', kind: 'timer', detail: 'timer due 2030-01-01T11:05:00.000Z' },
  { type: 'timer.scheduled', instanceId: I, at, elementId: 'remind', timerId: 'remind_1', dueAt: '2030-01-01T11:05:00.000Z', expression: 'PT1H' },
  { type: 'activity.waiting', instanceId: I, at, elementId: 'review', executionId: 'review_1', kind: 'task', detail: 'task Review' },
  { type: 'task.created', instanceId: I, at, elementId: 'review', taskId: 't1', name: 'Review', assignee: null },
  { type: 'task.assigned', instanceId: I, at, elementId: 'review', taskId: 't1', assignee: 'rita', previous: null, actor: 'admin' },
]);

describe('token reducer', () => {
  it('given a token waiting at a user task, then the task has one active token with its assignee and the start is completed', () => {
    const view = reduceEvents(waitingForReview);
    expect(view.status).toBe('running');
    expect(view.elements.review).toMatchObject({ active: 1, passes: 1, completed: 0, wait: { kind: 'task', detail: 'task Review', assignee: 'rita', taskId: 't1' } });
    expect(view.elements.start).toMatchObject({ active: 0, completed: 1 });
    expect(view.flows).toEqual({ f1: 1 });
    expect(tokensOf(view)).toEqual([{ elementId: 'review', count: 1 }, { elementId: 'remind', count: 1 }]);
  });

  it('given a timer wait, then the wait carries the due time and the timer expression', () => {
    const view = reduceEvents(waitingForReview);
    expect(view.elements.remind.wait).toEqual({ kind: 'timer', detail: 'timer due 2030-01-01T11:05:00.000Z', dueAt: '2030-01-01T11:05:00.000Z', expression: 'PT1H' });
  });

  it('given a gateway decision, then taken and skipped flows record their condition and result', () => {
    const events = history([
      started,
      enter('gw'),
      complete('gw'),
      take('big', { condition: '${amount > 1000}', result: true }),
      { type: 'flow.skipped', instanceId: I, at, elementId: 'small', condition: '${amount <= 1000}', result: false },
    ]);
    const view = reduceEvents(events);
    expect(view.flows).toEqual({ big: 1 });
    expect(view.skipped).toEqual({ small: 1 });
    expect(view.decisions.big).toEqual({ taken: true, condition: '${amount > 1000}', result: true, seq: 4 });
    expect(view.decisions.small).toEqual({ taken: false, condition: '${amount <= 1000}', result: false, seq: 5 });
  });

  it('given a loop, then passes count every entry while active returns to zero', () => {
    const events = history([started, enter('work', 'w1'), complete('work', 'w1'), take('back'), enter('work', 'w2'), complete('work', 'w2'), take('back'), enter('work', 'w3')]);
    const view = reduceEvents(events);
    expect(view.elements.work).toMatchObject({ passes: 3, completed: 2, active: 1 });
    expect(view.flows.back).toBe(2);
    expect(view.executions.map((e) => [e.executionId, e.state])).toEqual([['w1', 'completed'], ['w2', 'completed'], ['w3', 'active']]);
  });

  it('given an incident raised then resolved, then the badge count follows and the open list empties', () => {
    const raised = history([started, enter('charge'), { type: 'incident.raised', instanceId: I, at, elementId: 'charge', incidentId: 'inc1', message: 'card declined' }]);
    const open = reduceEvents(raised);
    expect(open.elements.charge.incidents).toBe(1);
    expect(open.incidents).toEqual([expect.objectContaining({ incidentId: 'inc1', elementId: 'charge', message: 'card declined' })]);
    const resolved = reduceEvents([...raised, { type: 'incident.resolved', instanceId: I, at: raised[2].at, seq: 4, elementId: 'charge', incidentId: 'inc1' }]);
    expect(resolved.elements.charge.incidents).toBe(0);
    expect(resolved.incidents).toEqual([]);
  });

  it('given a cancel, then active tokens become cancelled and open element instances end', () => {
    const events = history([...waitingForReview.map(({ seq: _s, ...e }) => e as NewRuntimeEvent), { type: 'instance.cancelled', instanceId: I, at, actor: 'op' }]);
    const view = reduceEvents(events);
    expect(view.status).toBe('cancelled');
    expect(view.elements.review).toMatchObject({ active: 0, cancelled: 1 });
    expect(view.elements.review.wait).toBeUndefined();
    expect(view.executions.filter((e) => e.state === 'active')).toEqual([]);
  });

  it('given completed element instances, then each has start, end and duration', () => {
    const view = reduceEvents(waitingForReview);
    const startRecord = view.executions.find((e) => e.elementId === 'start')!;
    expect(startRecord).toMatchObject({ state: 'completed', executionId: 'start_1' });
    expect(startRecord.durationMs).toBe(1000);
  });

  it('replay: reducing a prefix gives the state at that event, and the first event shows nothing active yet', () => {
    const first = reduceUntil(waitingForReview, 1);
    expect(first.lastSeq).toBe(1);
    expect(tokensOf(first)).toEqual([]);
    const atStart = reduceUntil(waitingForReview, 2);
    expect(tokensOf(atStart)).toEqual([{ elementId: 'start', count: 1 }]);
    const full = reduceUntil(waitingForReview, Number.MAX_SAFE_INTEGER);
    expect(full).toEqual(reduceEvents(waitingForReview));
  });

  it('redelivered events are ignored (idempotent by seq)', () => {
    const view = reduceEvents([...waitingForReview, ...waitingForReview]);
    expect(view).toEqual(reduceEvents(waitingForReview));
  });

  it('variables.updated with values: replay shows the values as they were, from the start variables on', () => {
    const events = history([
      { ...started, variables: { amount: 5, customer: 'acme' } } as NewRuntimeEvent,
      { type: 'variables.updated', instanceId: I, at, names: ['amount'], values: { amount: 10 } },
      { type: 'variables.updated', instanceId: I, at, names: ['amount', 'ok'], values: { amount: 20, ok: true } },
    ]);
    expect(reduceUntil(events, 1).variables).toEqual({ amount: 5, customer: 'acme' });
    expect(reduceUntil(events, 2).variables).toEqual({ amount: 10, customer: 'acme' });
    expect(reduceUntil(events, 3)).toMatchObject({ variables: { amount: 20, ok: true, customer: 'acme' }, changedVariables: ['amount', 'ok'] });
  });

  it('advanceTokens agrees with the reducer on token counts', () => {
    expect(advanceTokens([], waitingForReview)).toEqual(tokensOf(reduceEvents(waitingForReview)));
  });
});
