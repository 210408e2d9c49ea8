import { describe, expect, it } from 'vitest';
import { reduceEvents, type RuntimeEvent } from '@baton/shared';
import { decisionLabel, liveStateOfView } from './from-view';
import { waitLabel } from './wait-label';

const at = '2030-01-01T10:00:00.000Z';
const events: RuntimeEvent[] = [
  { seq: 1, type: 'instance.started', instanceId: 'i', at, definitionId: 'd', key: 'k', version: 1, businessKey: null },
  { seq: 2, type: 'activity.entered', instanceId: 'i', at, elementId: 'gw', executionId: 'g1' },
  { seq: 3, type: 'activity.completed', instanceId: 'i', at, elementId: 'gw', executionId: 'g1' },
  { seq: 4, type: 'flow.taken', instanceId: 'i', at, elementId: 'low', condition: '${amount <= 1000}', result: true },
  { seq: 5, type: 'flow.skipped', instanceId: 'i', at, elementId: 'high', condition: '${amount > 1000}', result: false },
  { seq: 6, type: 'activity.entered', instanceId: 'i', at, elementId: 'review', executionId: 'r1' },
  { seq: 7, type: 'activity.waiting', instanceId: 'i', at, elementId: 'review', executionId: 'r1', kind: 'task', detail: 'task Review' },
  { seq: 8, type: 'task.created', instanceId: 'i', at, elementId: 'review', taskId: 't', name: 'Review', assignee: 'rita' },
];

describe('live state of an instance view', () => {
  it('given a waiting user task, then it has an active badge with the assignee label, and the gateway path shows why', () => {
    const state = liveStateOfView(reduceEvents(events), false);
    expect(state.elements.review).toEqual({ active: 1, incidents: 0, cancelled: 0, completed: 0, passes: 1, wait: 'task — assigned to rita' });
    expect(state.elements.gw).toMatchObject({ active: 0, completed: 1 });
    expect(state.taken).toEqual(['low']);
    expect(state.skipped).toEqual(['high']);
    expect(state.decisions).toEqual({ low: { taken: true, label: 'amount <= 1000 → true' }, high: { taken: false, label: 'amount > 1000 → false' } });
  });

  it('labels waits the way UX.md says', () => {
    const now = new Date('2030-01-01T08:00:00');
    expect(waitLabel({ kind: 'timer', detail: 'timer due x', dueAt: new Date('2030-01-01T14:05:00').toISOString(), expression: 'PT6H' }, now)).toBe('timer due 14:05 (PT6H)');
    expect(waitLabel({ kind: 'message', detail: 'message payment-received' })).toBe('waiting: message payment-received');
    expect(waitLabel({ kind: 'task', detail: 'task Review', assignee: null })).toBe('task — unassigned');
  });

  it('formats FEEL and JUEL conditions without their wrappers', () => {
    expect(decisionLabel('=amount > 1000', false)).toBe('amount > 1000 → false');
    expect(decisionLabel(undefined, true)).toBeUndefined();
  });
});
