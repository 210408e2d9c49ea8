import type { InboxTask } from '@baton/shared';
import { formatDateTime, initials, isOverdue, relativeTime } from './format';
import { PriorityChip } from './PriorityChip';

/** One task in the inbox list: what it is, where it comes from, how urgent, and whose it is. */
export function TaskCard({ task }: { task: InboxTask }) {
  const overdue = isOverdue(task);
  return (
    <div className="task-card">
      <div className="task-card-top">
        <span className="task-card-name">{task.name}</span>
        <PriorityChip priority={task.priority} />
      </div>
      <div className="task-card-process muted">
        {task.processName} <span className="version">v{task.processVersion}</span>
        {task.businessKey && <span className="business-key"> · {task.businessKey}</span>}
      </div>
      <div className="task-card-bottom">
        <span className="muted" title={formatDateTime(task.createdAt)}>
          created {relativeTime(task.createdAt)}
        </span>
        {task.dueAt && (
          <span className={overdue ? 'due overdue' : 'due'} title={formatDateTime(task.dueAt)}>
            {overdue ? 'Overdue · ' : 'Due '}
            {relativeTime(task.dueAt)}
          </span>
        )}
        <span className="spacer" />
        {task.assignee ? (
          <span className="avatar" title={`Assigned to ${task.assignee}`} aria-label={`Assigned to ${task.assignee}`}>
            {initials(task.assignee)}
          </span>
        ) : (
          <span className="muted unassigned">Unassigned</span>
        )}
      </div>
    </div>
  );
}
