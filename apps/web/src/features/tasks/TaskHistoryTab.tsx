import { useQuery } from '@tanstack/react-query';
import { formatDateTime, relativeTime } from '../../components/inbox/format';
import { errorMessage, useTRPC } from '../../trpc/trpc';

const VERB: Record<string, string> = {
  created: 'Created',
  claimed: 'Claimed',
  unclaimed: 'Unclaimed',
  assigned: 'Assigned',
  updated: 'Changed',
  delegated: 'Delegated',
  resolved: 'Resolved',
  commented: 'Commented',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** Who did what to this task, when (from the instance's history). */
export function TaskHistoryTab({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.tasks.history.queryOptions({ id: taskId }));
  if (history.isPending) return <p className="muted">Loading history…</p>;
  if (history.isError) return <p className="alert error">{errorMessage(history.error)}</p>;
  return (
    <ol className="task-history" aria-label="Task history">
      {history.data.items.map((e) => (
        <li key={e.seq}>
          <strong>{VERB[e.type] ?? e.type}</strong>
          {e.actor && <> by {e.actor}</>}
          {e.detail && e.type !== 'commented' && <span className="muted"> — {e.detail}</span>}
          {e.type === 'commented' && e.detail && <q className="muted"> {e.detail}</q>}
          <time className="muted" dateTime={e.at} title={formatDateTime(e.at)}>
            {' '}
            · {relativeTime(e.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}
