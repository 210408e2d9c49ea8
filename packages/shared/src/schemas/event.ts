import { z } from 'zod';

/**
 * RuntimeEvent: one row of the append-only history. The same union drives the audit trail, the live
 * overlays and the metrics. `seq` runs 1, 2, 3... per instance with no gaps; `actor` names the user or
 * worker whose command caused the event (absent for engine-internal steps such as timers firing).
 */
const base = {
  seq: z.number().int().positive(),
  instanceId: z.string(),
  at: z.string(),
  actor: z.string().optional(),
};
const element = { ...base, elementId: z.string(), elementType: z.string().optional(), executionId: z.string().optional() };

export const WaitKind = z.enum(['task', 'timer', 'message', 'signal', 'job', 'call', 'condition', 'other']);
export type WaitKind = z.infer<typeof WaitKind>;

export const RuntimeEvent = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('instance.started'), definitionId: z.string(), key: z.string(), version: z.number().int(), businessKey: z.string().nullable(), parentInstanceId: z.string().optional(), /** the start variables, for replay */ variables: z.record(z.string(), z.unknown()).optional() }),
  z.object({ ...base, type: z.literal('instance.completed') }),
  z.object({ ...base, type: z.literal('instance.cancelled'), reason: z.string().optional() }),
  z.object({ ...base, type: z.literal('instance.failed'), message: z.string(), elementId: z.string().optional() }),
  z.object({ ...element, type: z.literal('activity.entered') }),
  z.object({ ...element, type: z.literal('activity.waiting'), kind: WaitKind, detail: z.string() }),
  z.object({ ...element, type: z.literal('activity.completed'), durationMs: z.number().optional() }),
  z.object({ ...element, type: z.literal('activity.cancelled') }),
  z.object({ ...base, type: z.literal('flow.taken'), elementId: z.string(), sourceId: z.string().optional(), targetId: z.string().optional(), condition: z.string().optional(), result: z.boolean().optional() }),
  /** a sequence flow NOT taken (a gateway chose another path, or its source was discarded); condition evaluated false */
  z.object({ ...base, type: z.literal('flow.skipped'), elementId: z.string(), sourceId: z.string().optional(), targetId: z.string().optional(), condition: z.string().optional(), result: z.boolean().optional() }),
  z.object({ ...base, type: z.literal('task.created'), elementId: z.string(), taskId: z.string(), name: z.string(), assignee: z.string().nullable() }),
  z.object({ ...base, type: z.literal('task.assigned'), elementId: z.string(), taskId: z.string(), assignee: z.string().nullable(), previous: z.string().nullable() }),
  z.object({ ...base, type: z.literal('task.completed'), elementId: z.string(), taskId: z.string() }),
  z.object({ ...base, type: z.literal('task.cancelled'), elementId: z.string(), taskId: z.string() }),
  /** due date, follow-up date or priority changed by a person (`changes` holds only what changed) */
  z.object({ ...base, type: z.literal('task.updated'), elementId: z.string(), taskId: z.string(), changes: z.object({ dueAt: z.string().nullable().optional(), followUpAt: z.string().nullable().optional(), priority: z.number().int().optional() }) }),
  /** the owner keeps the task; `assignee` works on it until they resolve it */
  z.object({ ...base, type: z.literal('task.delegated'), elementId: z.string(), taskId: z.string(), owner: z.string(), assignee: z.string() }),
  /** the delegate handed the task back: the owner is the assignee again */
  z.object({ ...base, type: z.literal('task.resolved'), elementId: z.string(), taskId: z.string(), owner: z.string(), previous: z.string().nullable() }),
  z.object({ ...base, type: z.literal('task.commented'), elementId: z.string(), taskId: z.string(), commentId: z.string(), message: z.string() }),
  z.object({ ...base, type: z.literal('timer.scheduled'), elementId: z.string(), timerId: z.string(), dueAt: z.string(), expression: z.string().optional() }),
  z.object({ ...base, type: z.literal('timer.fired'), elementId: z.string(), timerId: z.string() }),
  z.object({ ...base, type: z.literal('message.correlated'), elementId: z.string(), name: z.string() }),
  z.object({ ...base, type: z.literal('signal.received'), elementId: z.string(), name: z.string() }),
  /** `values`, when present, are the new values of `names` (for replaying variables as they were) */
  z.object({ ...base, type: z.literal('variables.updated'), names: z.array(z.string()), values: z.record(z.string(), z.unknown()).optional() }),
  z.object({ ...base, type: z.literal('job.created'), elementId: z.string(), jobId: z.string(), topic: z.string() }),
  z.object({ ...base, type: z.literal('job.completed'), elementId: z.string(), jobId: z.string() }),
  z.object({ ...base, type: z.literal('job.failed'), elementId: z.string(), jobId: z.string(), message: z.string(), retries: z.number().int() }),
  z.object({ ...base, type: z.literal('incident.raised'), elementId: z.string(), incidentId: z.string(), message: z.string() }),
  z.object({ ...base, type: z.literal('incident.resolved'), elementId: z.string(), incidentId: z.string() }),
]);
export type RuntimeEvent = z.infer<typeof RuntimeEvent>;
export type RuntimeEventType = RuntimeEvent['type'];

/** An event before the store has given it a seq; the runtime numbers events when it commits them. */
export type NewRuntimeEvent = RuntimeEvent extends infer E ? (E extends RuntimeEvent ? Omit<E, 'seq'> : never) : never;

export const OnEventInput = z.object({
  instanceId: z.string().optional(),
  /** Resume after this event id ("<instanceId>:<seq>" for one instance, a global id otherwise). */
  lastEventId: z.string().max(200).nullish(),
});
