/**
 * The audit trail as a projection of the history: every event a person or worker caused (it carries
 * `actor`) and that stands for a command becomes one operations row, written in the same transaction
 * as the events. Engine follow-ups of a command (activities, flows) are not operations. A task
 * completion that also set variables is one operation ("task.complete" with the variable names).
 */
import type { NewRuntimeEvent } from '@baton/shared';

export interface OperationInsert {
  at: string;
  actor: string;
  action: string;
  instance_id: string | null;
  definition_id: string | null;
  process_key: string | null;
  element_id: string | null;
  target_id: string | null;
  details: string;
}

type Projected = Omit<OperationInsert, 'definition_id' | 'process_key'>;

function actionOf(event: NewRuntimeEvent): { action: string; targetId?: string; details?: Record<string, unknown> } | undefined {
  switch (event.type) {
    case 'instance.started':
      return { action: 'instance.start', details: { key: event.key, version: event.version, businessKey: event.businessKey } };
    case 'instance.cancelled':
      return { action: 'instance.cancel', ...(event.reason ? { details: { reason: event.reason } } : {}) };
    case 'variables.updated':
      return { action: 'variables.set', details: { names: event.names } };
    case 'task.assigned': {
      const action = event.assignee === null ? 'task.unclaim' : event.assignee === event.actor && event.previous === null ? 'task.claim' : 'task.assign';
      return { action, targetId: event.taskId, details: { assignee: event.assignee, previous: event.previous } };
    }
    case 'task.completed':
      return { action: 'task.complete', targetId: event.taskId };
    case 'task.updated':
      return { action: 'task.update', targetId: event.taskId, details: { changes: event.changes } };
    case 'task.delegated':
      return { action: 'task.delegate', targetId: event.taskId, details: { owner: event.owner, assignee: event.assignee } };
    case 'task.resolved':
      return { action: 'task.resolve', targetId: event.taskId, details: { owner: event.owner } };
    case 'task.commented':
      return { action: 'task.comment', targetId: event.taskId };
    case 'message.correlated':
      return { action: 'message.correlate', details: { name: event.name } };
    case 'signal.received':
      return { action: 'signal.broadcast', details: { name: event.name } };
    case 'incident.resolved':
      return { action: 'incident.retry', targetId: event.incidentId };
    case 'job.completed':
      return { action: 'job.complete', targetId: event.jobId };
    case 'job.failed':
      return { action: 'job.fail', targetId: event.jobId, details: { message: event.message, retries: event.retries } };
    default:
      return undefined;
  }
}

/** the operations that a step's events stand for, in event order */
export function operationsOf(events: readonly NewRuntimeEvent[]): Projected[] {
  const completesTask = events.some((e) => e.type === 'task.completed' && e.actor);
  const variableNames = events.flatMap((e) => (e.type === 'variables.updated' && e.actor ? e.names : []));
  const out: Projected[] = [];
  for (const event of events) {
    if (!event.actor) continue;
    if (event.type === 'variables.updated' && completesTask) continue;
    const found = actionOf(event);
    if (!found) continue;
    const details = { ...(found.details ?? {}), ...(event.type === 'task.completed' && variableNames.length ? { variables: variableNames } : {}) };
    out.push({
      at: event.at,
      actor: event.actor,
      action: found.action,
      instance_id: event.instanceId,
      element_id: 'elementId' in event && typeof event.elementId === 'string' ? event.elementId : null,
      target_id: found.targetId ?? null,
      details: JSON.stringify(details),
    });
  }
  return out;
}
