import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { PriorityChip } from '../../components/inbox/PriorityChip';
import { formatDateTime, isOverdue, relativeTime } from '../../components/inbox/format';
import { errorCode, errorMessage, useTRPC } from '../../trpc/trpc';
import { TaskActions } from './TaskActions';
import { TaskCommentsTab } from './TaskCommentsTab';
import { TaskDates } from './TaskDates';
import { TaskDiagramTab } from './TaskDiagramTab';
import { TaskFormTab } from './TaskFormTab';
import { TaskHistoryTab } from './TaskHistoryTab';

const TABS = ['Form', 'Diagram', 'History', 'Comments'] as const;
type Tab = (typeof TABS)[number];

/** The right pane: the task's header, actions, dates, and its Form / Diagram / History / Comments. */
export function TaskDetail({ id, me, staff, search }: { id: string; me: string; staff: boolean; search: string }) {
  const trpc = useTRPC();
  const task = useQuery(trpc.tasks.get.queryOptions({ id }));
  const [tab, setTab] = useState<Tab>('Form');
  if (task.isPending) return <p className="muted inbox-empty">Loading task…</p>;
  if (task.isError) {
    const code = errorCode(task.error);
    return (
      <p className="alert error inbox-empty" role="alert">
        {code === 'FORBIDDEN' ? 'This task is not assigned to you or your groups.' : code === 'NOT_FOUND' ? 'This task does not exist (any more).' : errorMessage(task.error)}
      </p>
    );
  }
  const t = task.data;
  const overdue = isOverdue(t);
  const canEdit = staff || t.assignee === me || t.owner === me || !t.assignee;
  return (
    <article className="task-detail" aria-labelledby="task-title">
      <header>
        <div className="toolbar">
          <h2 id="task-title">{t.name}</h2>
          <PriorityChip priority={t.priority} />
          {t.status !== 'open' && <span className="status-chip">{t.status}</span>}
        </div>
        <p className="muted">
          {t.processName} v{t.processVersion}
          {t.businessKey && <> · {t.businessKey}</>} · created <time title={formatDateTime(t.createdAt)}>{relativeTime(t.createdAt)}</time>
          {t.dueAt && (
            <>
              {' '}
              · <span className={overdue ? 'due overdue' : 'due'}>{overdue ? 'overdue since' : 'due'} {formatDateTime(t.dueAt)}</span>
            </>
          )}
        </p>
        <p data-testid="task-assignee">
          {t.assignee ? (
            <>
              Assigned to <strong>{t.assignee === me ? 'you' : t.assignee}</strong>
            </>
          ) : (
            'Unassigned'
          )}
          {t.delegationState === 'pending' && t.owner && <> · delegated by {t.owner === me ? 'you' : t.owner} (owner)</>}
          {t.completedBy && <> · completed by {t.completedBy}</>}
        </p>
        <TaskActions task={t} me={me} staff={staff} />
        <TaskDates key={`${t.id}:${t.dueAt}:${t.followUpAt}:${t.priority}`} task={t} canEdit={canEdit} />
      </header>
      <div role="tablist" aria-label="Task views" className="tabs">
        {TABS.map((name) => (
          <button key={name} type="button" role="tab" id={`tab-${name}`} aria-selected={tab === name} aria-controls={`panel-${name}`} className={tab === name ? 'active' : undefined} onClick={() => setTab(name)}>
            {name}
          </button>
        ))}
      </div>
      {/* the form stays mounted while other tabs show, so what the user typed survives a look at the diagram */}
      <div role="tabpanel" id="panel-Form" aria-labelledby="tab-Form" className="tab-panel" hidden={tab !== 'Form'}>
        <TaskFormTab key={t.id} task={t} me={me} staff={staff} search={search} />
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel" hidden={tab === 'Form'}>
        {tab === 'Diagram' && <TaskDiagramTab definitionId={t.definitionId} elementId={t.elementId} />}
        {tab === 'History' && <TaskHistoryTab taskId={t.id} />}
        {tab === 'Comments' && <TaskCommentsTab taskId={t.id} />}
      </div>
    </article>
  );
}
