/**
 * The label above a wait state, in the words of UX.md: "waiting: message payment-received",
 * "timer due 14:05", "task — assigned to rita" (or "task — unassigned").
 */
import type { WaitState } from '@baton/shared';

export function formatTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return d.toDateString() === now.toDateString() ? hhmm : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')} ${hhmm}`;
}

export function waitLabel(wait: WaitState, now = new Date()): string {
  switch (wait.kind) {
    case 'task':
      return wait.assignee ? `task — assigned to ${wait.assignee}` : 'task — unassigned';
    case 'timer': {
      const due = wait.dueAt ?? wait.detail.replace(/^timer due /, '');
      return `timer due ${formatTime(due, now)}${wait.expression ? ` (${wait.expression})` : ''}`;
    }
    case 'message':
    case 'signal':
      return `waiting: ${wait.detail}`;
    case 'job':
      return 'waiting: external job';
    case 'call':
      return 'waiting: called instance';
    default:
      return `waiting: ${wait.detail}`;
  }
}
