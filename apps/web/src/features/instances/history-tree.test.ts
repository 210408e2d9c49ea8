import { describe, expect, it } from 'vitest';
import type { ExecutionRecord, RuntimeEvent } from '@baton/shared';
import { auditLines, historyTree, variableSources } from './history-tree';

const rec = (elementId: string, enteredSeq: number): ExecutionRecord => ({ executionId: `${elementId}_${enteredSeq}`, elementId, state: 'completed', enteredAt: '', enteredSeq });

describe('history tree', () => {
  it('nests element instances under the sub-process instance they ran in', () => {
    const parents: Record<string, string | null> = { sub: null, inner: 'sub', start: null, end: null };
    const tree = historyTree([rec('start', 1), rec('sub', 2), rec('inner', 3), rec('sub', 5), rec('inner', 6), rec('end', 8)], (id) => parents[id] ?? null);
    expect(tree.map((n) => n.record.executionId)).toEqual(['start_1', 'sub_2', 'sub_5', 'end_8']);
    expect(tree[1].children.map((n) => n.record.executionId)).toEqual(['inner_3']);
    expect(tree[2].children.map((n) => n.record.executionId)).toEqual(['inner_6']);
  });

  it('lists only commands a person or worker caused, with who did it', () => {
    const at = '2030-01-01T10:00:00.000Z';
    const events: RuntimeEvent[] = [
      { seq: 1, type: 'instance.started', instanceId: 'i', at, definitionId: 'd', key: 'k', version: 1, businessKey: null, actor: 'rita' },
      { seq: 2, type: 'activity.entered', instanceId: 'i', at, elementId: 'a', actor: 'rita' },
      { seq: 3, type: 'variables.updated', instanceId: 'i', at: 'later', names: ['ok'], actor: 'bob' },
      { seq: 4, type: 'task.completed', instanceId: 'i', at: 'later', elementId: 'review', taskId: 't', actor: 'bob' },
      { seq: 5, type: 'timer.fired', instanceId: 'i', at, elementId: 'x', timerId: 't' },
    ];
    expect(auditLines(events).map((l) => `${l.actor}: ${l.text}`)).toEqual(['rita: started the instance', 'bob: set variables ok', 'bob: completed task review']);
    expect(variableSources(events)).toEqual({ ok: ['review'] });
  });
});
