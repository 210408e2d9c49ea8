import { Link } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { TaskQuery } from '@baton/shared';
import { TaskCard } from '../../components/inbox/TaskCard';
import { errorMessage, useTRPC } from '../../trpc/trpc';

const EMPTY: Record<string, string> = {
  mine: 'Nothing assigned to you. Look in "My groups" or "Unassigned" and claim a task, or start a process.',
  groups: 'No open tasks for your groups right now. New ones appear here as soon as they are created.',
  unassigned: 'Every task has someone working on it.',
  completed: 'No completed tasks yet.',
  all: 'No open tasks.',
};

/** The left pane: the queue's tasks as cards, keyset-paged ("Load more"). */
export function TaskList({ query, selectedId, search, filtered }: { query: TaskQuery; selectedId?: string; search: string; filtered: boolean }) {
  const trpc = useTRPC();
  const list = useInfiniteQuery(trpc.tasks.list.infiniteQueryOptions({ ...query, limit: 50 }, { getNextPageParam: (last) => last.nextCursor }));
  if (list.isPending) return <p className="muted inbox-empty">Loading tasks…</p>;
  if (list.isError) return <p className="alert error" role="alert">Could not load tasks: {errorMessage(list.error)}</p>;
  const tasks = list.data.pages.flatMap((p) => p.items);
  if (tasks.length === 0) {
    return <p className="muted inbox-empty">{filtered ? 'No tasks match these filters. Change or clear the filters.' : EMPTY[query.queue ?? 'mine']}</p>;
  }
  return (
    <>
      <ul className="task-list" aria-label="Tasks">
        {tasks.map((task) => (
          <li key={task.id}>
            <Link to={`/tasks/${task.id}${search}`} className={task.id === selectedId ? 'task-link selected' : 'task-link'} aria-current={task.id === selectedId ? 'page' : undefined} aria-label={`${task.name} — ${task.processName}${task.businessKey ? ` ${task.businessKey}` : ''}`}>
              <TaskCard task={task} />
            </Link>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </>
  );
}
