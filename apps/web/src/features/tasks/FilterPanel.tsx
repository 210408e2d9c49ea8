import { useEffect, useState } from 'react';
import type { TaskQuery, VariableCondition, VariableOperator } from '@baton/shared';
import { activeFilterCount } from './task-query-url';

const OPS: { id: VariableOperator; label: string }[] = [
  { id: 'eq', label: '=' },
  { id: 'neq', label: '≠' },
  { id: 'lt', label: '<' },
  { id: 'gt', label: '>' },
  { id: 'contains', label: 'contains' },
];

/** date-only inputs hold YYYY-MM-DD; the query keeps that text (the API accepts ISO dates) */
const dateOnly = (v: string | undefined) => (v ? v.slice(0, 10) : '');

interface FilterPanelProps {
  query: TaskQuery;
  onApply: (query: TaskQuery) => void;
}

/** Filters and sort of the inbox; Apply writes them to the URL. */
export function FilterPanel({ query, onApply }: FilterPanelProps) {
  const [draft, setDraft] = useState<TaskQuery>(query);
  useEffect(() => setDraft(query), [query]);
  const set = <K extends keyof TaskQuery>(key: K, value: TaskQuery[K] | '' | undefined) =>
    setDraft((d) => {
      const next = { ...d };
      if (value === '' || value === undefined) delete next[key];
      else next[key] = value as TaskQuery[K];
      return next;
    });
  const conditions = draft.variables ?? [];
  const setConditions = (list: VariableCondition[]) => set('variables', list.length ? list : undefined);
  const count = activeFilterCount(query);

  return (
    <details className="filter-panel" open={count > 0 || undefined}>
      <summary>
        Filters and sort{count > 0 && <span className="count">{count}</span>}
      </summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onApply({ ...draft, ...(draft.variables ? { variables: draft.variables.filter((c) => c.name.trim()) } : {}) });
        }}
      >
        <div className="filter-grid">
          <label>
            Process key
            <input value={draft.processKey ?? ''} onChange={(e) => set('processKey', e.target.value)} />
          </label>
          <label>
            Task name
            <input value={draft.taskName ?? ''} onChange={(e) => set('taskName', e.target.value)} />
          </label>
          <label>
            Assignee
            <input value={draft.assignee ?? ''} onChange={(e) => set('assignee', e.target.value)} />
          </label>
          <label>
            Candidate group
            <input value={draft.candidateGroup ?? ''} onChange={(e) => set('candidateGroup', e.target.value)} />
          </label>
          <label>
            Business key
            <input value={draft.businessKey ?? ''} onChange={(e) => set('businessKey', e.target.value)} />
          </label>
          <label>
            Minimum priority
            <input type="number" min={0} max={100} value={draft.priorityMin ?? ''} onChange={(e) => set('priorityMin', e.target.value === '' ? undefined : Number(e.target.value))} />
          </label>
          <label>
            Due after
            <input type="date" value={dateOnly(draft.dueAfter)} onChange={(e) => set('dueAfter', e.target.value)} />
          </label>
          <label>
            Due before
            <input type="date" value={dateOnly(draft.dueBefore)} onChange={(e) => set('dueBefore', e.target.value)} />
          </label>
          <label>
            Created after
            <input type="date" value={dateOnly(draft.createdAfter)} onChange={(e) => set('createdAfter', e.target.value)} />
          </label>
          <label>
            Created before
            <input type="date" value={dateOnly(draft.createdBefore)} onChange={(e) => set('createdBefore', e.target.value)} />
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={!!draft.overdue} onChange={(e) => set('overdue', e.target.checked || undefined)} />
            Overdue only
          </label>
        </div>
        <fieldset className="conditions">
          <legend>Variable conditions</legend>
          {conditions.map((c, i) => (
            <div className="toolbar" key={i}>
              <input aria-label={`Condition ${i + 1} variable`} placeholder="variable" value={c.name} onChange={(e) => setConditions(conditions.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
              <select aria-label={`Condition ${i + 1} operator`} value={c.op} onChange={(e) => setConditions(conditions.map((x, j) => (j === i ? { ...x, op: e.target.value as VariableOperator } : x)))}>
                {OPS.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
              <input aria-label={`Condition ${i + 1} value`} placeholder="value" value={c.value === null ? '' : String(c.value)} onChange={(e) => setConditions(conditions.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
              <button type="button" aria-label={`Remove condition ${i + 1}`} onClick={() => setConditions(conditions.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setConditions([...conditions, { name: '', op: 'eq', value: '' }])}>
            Add condition
          </button>
        </fieldset>
        <div className="toolbar">
          <label>
            Sort by
            <select value={draft.sort ?? 'created'} onChange={(e) => set('sort', e.target.value === 'created' ? undefined : (e.target.value as TaskQuery['sort']))}>
              <option value="created">Created</option>
              <option value="due">Due date</option>
              <option value="followUp">Follow-up date</option>
              <option value="priority">Priority</option>
            </select>
          </label>
          <label>
            Order
            <select value={draft.order ?? ''} onChange={(e) => set('order', (e.target.value || undefined) as TaskQuery['order'])}>
              <option value="">Default</option>
              <option value="asc">Ascending</option>
              <option value="desc">Descending</option>
            </select>
          </label>
          <span className="spacer" />
          <button type="button" onClick={() => onApply({ queue: query.queue })}>
            Clear filters
          </button>
          <button type="submit" className="primary">
            Apply filters
          </button>
        </div>
      </form>
    </details>
  );
}
