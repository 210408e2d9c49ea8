/**
 * A task's story from its instance's RuntimeEvents: created, claimed, assigned, updated, delegated,
 * resolved, commented, completed, cancelled — with who (the event's actor) and when. A self-assignment
 * from nobody is a claim; an assignment to nobody by the assignee is an unclaim.
 */
import type { RuntimeEvent, TaskHistoryEntry } from '@baton/shared';

export function taskHistory(events: readonly RuntimeEvent[], taskId: string): TaskHistoryEntry[] {
  const out: TaskHistoryEntry[] = [];
  for (const e of events) {
    if (!('taskId' in e) || e.taskId !== taskId) continue;
    const base = { seq: e.seq, at: e.at, actor: e.actor ?? null };
    switch (e.type) {
      case 'task.created':
        out.push({ ...base, type: 'created', detail: e.assignee ? `assigned to ${e.assignee}` : null });
        break;
      case 'task.assigned':
        if (e.assignee === null) out.push({ ...base, type: 'unclaimed', detail: e.previous ? `was ${e.previous}` : null });
        else if (e.assignee === e.actor && !e.previous) out.push({ ...base, type: 'claimed', detail: null });
        else out.push({ ...base, type: 'assigned', detail: `to ${e.assignee}` });
        break;
      case 'task.updated': {
        const parts: string[] = [];
        if (e.changes.dueAt !== undefined) parts.push(e.changes.dueAt ? `due ${e.changes.dueAt}` : 'due date removed');
        if (e.changes.followUpAt !== undefined) parts.push(e.changes.followUpAt ? `follow-up ${e.changes.followUpAt}` : 'follow-up date removed');
        if (e.changes.priority !== undefined) parts.push(`priority ${e.changes.priority}`);
        out.push({ ...base, type: 'updated', detail: parts.join(', ') || null });
        break;
      }
      case 'task.delegated':
        out.push({ ...base, type: 'delegated', detail: `to ${e.assignee} (owner ${e.owner})` });
        break;
      case 'task.resolved':
        out.push({ ...base, type: 'resolved', detail: `back to ${e.owner}` });
        break;
      case 'task.commented':
        out.push({ ...base, type: 'commented', detail: e.message, commentId: e.commentId });
        break;
      case 'task.completed':
        out.push({ ...base, type: 'completed', detail: null });
        break;
      case 'task.cancelled':
        out.push({ ...base, type: 'cancelled', detail: null });
        break;
      default:
        break;
    }
  }
  return out;
}
