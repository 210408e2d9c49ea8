import { useQuery } from '@tanstack/react-query';
import type { TaskQueue } from '@baton/shared';
import { useTRPC } from '../../trpc/trpc';

const QUEUES: { id: TaskQueue; label: string; count?: 'mine' | 'groups' | 'unassigned' | 'open'; staff?: boolean }[] = [
  { id: 'mine', label: 'My tasks', count: 'mine' },
  { id: 'groups', label: 'My groups', count: 'groups' },
  { id: 'unassigned', label: 'Unassigned', count: 'unassigned' },
  { id: 'completed', label: 'Completed' },
  { id: 'all', label: 'All', count: 'open', staff: true },
];

/** The inbox queues as a tab list, each with its open count; "All" only for operators and admins. */
export function QueueNav({ queue, staff, onQueue }: { queue: TaskQueue; staff: boolean; onQueue: (queue: TaskQueue) => void }) {
  const trpc = useTRPC();
  const counts = useQuery(trpc.tasks.counts.queryOptions());
  return (
    <div className="queue-nav" role="tablist" aria-label="Queues">
      {QUEUES.filter((q) => !q.staff || staff).map((q) => {
        const n = q.count ? counts.data?.[q.count] : undefined;
        return (
          <button key={q.id} type="button" role="tab" aria-selected={queue === q.id} className={queue === q.id ? 'active' : undefined} onClick={() => onQueue(q.id)}>
            {q.label}
            {n !== undefined && <span className="count" aria-label={`${n} open`}>{n}</span>}
          </button>
        );
      })}
      {counts.data && counts.data.overdue > 0 && (
        <span className="overdue-count" title="Open tasks you can see that are past their due date">
          {counts.data.overdue} overdue
        </span>
      )}
    </div>
  );
}
