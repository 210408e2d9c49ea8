/**
 * The only file that knows bpmn-engine's own event names. It turns the engine's listener events into
 * Baton RuntimeEvents (without seq: the store numbers them at commit).
 *
 * Token accounting: every `activity.enter` becomes `activity.entered`; `activity.end` becomes
 * `activity.completed`; an `activity.leave` for an execution that never ended (interrupted by a
 * boundary event, discarded by a gateway, cancelled) becomes `activity.cancelled`. So entered =
 * completed + cancelled + active, which the shared token reducer relies on.
 *
 * "Why this path": `flow.take` becomes `flow.taken` and `flow.discard` becomes `flow.skipped`, both
 * with the flow's condition expression and its result (true when taken, false when skipped).
 */
import type { NewRuntimeEvent, WaitKind } from '@baton/shared';
import type { ElementInfo } from './definition-model.js';

export interface EngineEventApi {
  id: string;
  type: string;
  executionId: string;
  content: Record<string, unknown> & { expireAt?: string | Date; timeDuration?: string; timeDate?: string; timeCycle?: string; sourceId?: string; targetId?: string };
}

const NON_ACTIVITIES = new Set(['bpmn:Process', 'bpmn:Definitions', 'bpmn:SequenceFlow']);

export function waitKindOf(type: string, info: ElementInfo | undefined): WaitKind {
  if (type === 'bpmn:UserTask') return 'task';
  if (type === 'bpmn:TimerEventDefinition' || info?.timer) return 'timer';
  if (type === 'bpmn:MessageEventDefinition' || type === 'bpmn:ReceiveTask' || info?.messageName) return 'message';
  if (type === 'bpmn:SignalEventDefinition' || info?.signalName) return 'signal';
  if (info?.topic) return 'job';
  if (type === 'bpmn:CallActivity') return 'call';
  if (type === 'bpmn:ConditionalEventDefinition') return 'condition';
  return 'other';
}

export class EventMapper {
  private readonly enteredAt = new Map<string, number>();
  private readonly ended = new Set<string>();
  /** executions whose wait was already recorded (re-announced on resume: not new history) */
  readonly announcedWaits = new Set<string>();
  readonly out: NewRuntimeEvent[] = [];

  constructor(
    private readonly instanceId: string,
    private readonly elements: Map<string, ElementInfo>,
    private readonly now: () => string,
  ) {}

  /** remember executions that were active before a recover, so their leave is counted correctly */
  markActive(executionIds: Iterable<string>) {
    for (const id of executionIds) this.enteredAt.set(id, Date.now());
  }

  handle(name: string, api: EngineEventApi) {
    const at = this.now();
    const instanceId = this.instanceId;
    switch (name) {
      case 'activity.enter': {
        if (NON_ACTIVITIES.has(api.type)) return;
        // a link catch event is entered when its link throw fires (recorded at its end, below), not
        // when bpmn-elements starts it with the process to listen: no phantom token on the diagram
        if (this.elements.get(api.id)?.linkCatch) return;
        this.enteredAt.set(api.executionId, Date.now());
        this.ended.delete(api.executionId);
        this.out.push({ type: 'activity.entered', instanceId, at, elementId: api.id, elementType: api.type, executionId: api.executionId });
        return;
      }
      case 'activity.wait': {
        if (this.elements.get(api.id)?.linkCatch) return;
        const key = `${api.id}:${api.executionId}`;
        if (this.announcedWaits.has(key)) return;
        this.announcedWaits.add(key);
        const info = this.elements.get(api.id);
        const kind = waitKindOf(api.type, info);
        const detail = kind === 'message' ? `message ${info?.messageName ?? ''}`.trim() : kind === 'signal' ? `signal ${info?.signalName ?? ''}`.trim() : kind === 'task' ? `task ${info?.name ?? api.id}` : kind;
        this.out.push({ type: 'activity.waiting', instanceId, at, elementId: api.id, executionId: api.executionId, kind, detail });
        return;
      }
      case 'activity.timer': {
        const key = `timer:${api.executionId}`;
        if (this.announcedWaits.has(key)) return;
        this.announcedWaits.add(key);
        const expireAt = api.content.expireAt ? new Date(api.content.expireAt).toISOString() : at;
        const expression = api.content.timeDuration ?? api.content.timeDate ?? api.content.timeCycle;
        this.out.push({ type: 'activity.waiting', instanceId, at, elementId: api.id, executionId: api.executionId, kind: 'timer', detail: `timer due ${expireAt}` });
        this.out.push({ type: 'timer.scheduled', instanceId, at, elementId: api.id, timerId: api.executionId, dueAt: expireAt, ...(expression ? { expression: String(expression) } : {}) });
        return;
      }
      case 'activity.timeout': {
        this.announcedWaits.delete(`timer:${api.executionId}`);
        if (api.content.state === 'cancel') return;
        this.out.push({ type: 'timer.fired', instanceId, at, elementId: api.id, timerId: api.executionId });
        return;
      }
      case 'activity.end': {
        if (NON_ACTIVITIES.has(api.type) || this.ended.has(api.executionId)) return;
        const link = this.elements.get(api.id);
        if (link?.linkCatch && !this.enteredAt.has(api.executionId)) {
          this.out.push({ type: 'activity.entered', instanceId, at, elementId: api.id, elementType: link.type, executionId: api.executionId });
        }
        const started = this.enteredAt.get(api.executionId);
        this.ended.add(api.executionId);
        this.enteredAt.delete(api.executionId);
        this.out.push({ type: 'activity.completed', instanceId, at, elementId: api.id, executionId: api.executionId, ...(started !== undefined ? { durationMs: Date.now() - started } : {}) });
        return;
      }
      case 'activity.leave': {
        if (NON_ACTIVITIES.has(api.type)) return;
        this.forgetWaits(api.id, api.executionId);
        if (this.ended.delete(api.executionId)) return;
        if (!this.enteredAt.delete(api.executionId)) return;
        this.out.push({ type: 'activity.cancelled', instanceId, at, elementId: api.id, executionId: api.executionId });
        return;
      }
      case 'flow.take': {
        const info = this.elements.get(api.id);
        this.out.push({
          type: 'flow.taken',
          instanceId,
          at,
          elementId: api.id,
          ...(info?.sourceRef ? { sourceId: info.sourceRef } : {}),
          ...(info?.targetRef ? { targetId: info.targetRef } : {}),
          ...(info?.conditionExpression ? { condition: info.conditionExpression, result: true } : {}),
        });
        return;
      }
      case 'flow.discard': {
        // not taken: a gateway chose another flow (its condition was false or not needed), or the
        // source was on a dead path. Conditional flows record result false so "why this path" can say so.
        const info = this.elements.get(api.id);
        this.out.push({
          type: 'flow.skipped',
          instanceId,
          at,
          elementId: api.id,
          ...(info?.sourceRef ? { sourceId: info.sourceRef } : {}),
          ...(info?.targetRef ? { targetId: info.targetRef } : {}),
          ...(info?.conditionExpression ? { condition: info.conditionExpression, result: false } : {}),
        });
        return;
      }
      default:
        return;
    }
  }

  private forgetWaits(elementId: string, executionId: string) {
    this.announcedWaits.delete(`${elementId}:${executionId}`);
  }

  activeExecutions(): IterableIterator<[string, number]> {
    return this.enteredAt.entries();
  }

  take(): NewRuntimeEvent[] {
    return this.out.splice(0, this.out.length);
  }
}
