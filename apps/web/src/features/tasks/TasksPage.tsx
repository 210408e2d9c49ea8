/**
 * /tasks and /tasks/:id — the inbox: queues, filters and sort (all in the URL) and the task list on
 * the left, the selected task on the right. Stays live: task events refresh what is shown.
 */
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { TaskQuery } from '@baton/shared';
import { useSessionUser } from '../../stores/session-user';
import { StartProcessDialog } from '../start/StartProcessDialog';
import { FilterPanel } from './FilterPanel';
import { selectNotify, selectNotifyToggled, useInboxUiStore } from './inbox-ui-store';
import { QueueNav } from './QueueNav';
import { SavedFilters } from './SavedFilters';
import { TaskDetail } from './TaskDetail';
import { TaskList } from './TaskList';
import { activeFilterCount, queryFromSearch, searchFromQuery } from './task-query-url';
import { useInboxLive } from './use-inbox-live';
import './inbox.css';

export default function TasksPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useSessionUser();
  const query = useMemo(() => queryFromSearch(params), [params]);
  const search = params.toString() ? `?${params.toString()}` : '';
  const staff = !!user?.roles?.some((r) => r === 'admin' || r === 'operator');
  const [starting, setStarting] = useState(false);
  const notify = useInboxUiStore(selectNotify);
  const notifyToggled = useInboxUiStore(selectNotifyToggled);
  useInboxLive(user?.username);

  const apply = (next: TaskQuery) => {
    const s = searchFromQuery(next).toString();
    void navigate(`${id ? `/tasks/${id}` : '/tasks'}${s ? `?${s}` : ''}`);
  };

  return (
    <div className="inbox page-full">
      <section className="inbox-list" aria-label="Task list">
        <div className="toolbar">
          <h1>Tasks</h1>
          <span className="spacer" />
          <label className="checkbox" title="Show a browser notification when a task is assigned to you">
            <input
              type="checkbox"
              checked={notify}
              onChange={(e) => {
                const on = e.target.checked;
                if (on && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
                notifyToggled(on);
              }}
            />
            Notify me
          </label>
          <button type="button" className="primary" onClick={() => setStarting(true)}>
            Start process
          </button>
        </div>
        <QueueNav queue={query.queue ?? 'mine'} staff={staff} onQueue={(queue) => apply({ ...query, queue })} />
        {user && <SavedFilters query={query} username={user.username} groups={user.groups ?? []} onApply={apply} />}
        <FilterPanel query={query} onApply={apply} />
        <TaskList query={query} selectedId={id} search={search} filtered={activeFilterCount(query) > 0} />
      </section>
      <section className="inbox-detail" aria-label="Task detail">
        {id && user ? (
          <TaskDetail key={id} id={id} me={user.username} staff={staff} search={search} />
        ) : (
          <div className="inbox-empty muted">
            <p>Select a task on the left to see its form, diagram, history and comments.</p>
            <p>Nothing to do? Claim a task from "My groups" or "Unassigned", or start a process.</p>
          </div>
        )}
      </section>
      <StartProcessDialog open={starting} onClose={() => setStarting(false)} onStarted={(taskId) => taskId && void navigate(`/tasks/${taskId}${search}`)} />
    </div>
  );
}
