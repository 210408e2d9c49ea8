/**
 * Instance list: status, process, version, business key, started, duration, incident flag. Every
 * filter lives in the URL (a filtered list is a link); keyset cursor pages; bulk cancel and bulk
 * incident retry report a result per selected instance.
 */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BulkResult } from '@baton/shared';
import { useTRPC, errorMessage } from '../../trpc/trpc';
import { useSessionUser } from '../../stores/session-user';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { StatusPill } from '../../components/monitor/StatusPill';
import { durationBetween, formatDateTime, formatDuration } from '../../components/monitor/format';
import '../../components/monitor/monitor.css';
import { filtersFromSearch, searchFromFilters } from './instance-filters';
import { InstanceFiltersForm } from './InstanceFiltersForm';
import { BulkResultDialog } from './BulkResultDialog';

const PAGE = 50;

export default function InstancesPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useSessionUser();
  const isOperator = !!user?.roles?.some((r) => r === 'operator' || r === 'admin');
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const raw = { ...(search.get('from') ? { from: search.get('from')! } : {}), ...(search.get('to') ? { to: search.get('to')! } : {}) };
  const [previous, setPrevious] = useState<(string | undefined)[]>([]);
  const list = useQuery(trpc.instances.list.queryOptions({ ...filters, limit: PAGE }));
  const definitions = useQuery(trpc.definitions.list.queryOptions());
  const processKeys = [...new Set((definitions.data?.items ?? []).map((d) => d.key))];

  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirm, setConfirm] = useState<'cancel' | 'retry' | null>(null);
  const [result, setResult] = useState<{ title: string; result: BulkResult } | null>(null);
  const done = (title: string) => (r: BulkResult) => {
    setResult({ title, result: r });
    setSelected(new Set());
    void queryClient.invalidateQueries({ queryKey: trpc.instances.list.pathKey() });
  };
  const bulkCancel = useMutation(trpc.instances.bulkCancel.mutationOptions({ onSuccess: done('Bulk cancel') }));
  const bulkRetry = useMutation(trpc.instances.bulkRetry.mutationOptions({ onSuccess: done('Bulk retry') }));

  const items = list.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((i) => selected.has(i.id));
  const go = (cursor: string | undefined) => {
    const next = new URLSearchParams(search);
    if (cursor) next.set('cursor', cursor);
    else next.delete('cursor');
    setSearch(next);
  };

  return (
    <div className="monitor-page" data-testid="instances-page">
      <div className="toolbar">
        <h1 style={{ margin: 0 }}>Instances</h1>
      </div>
      <InstanceFiltersForm
        key={search.toString()}
        filters={filters}
        raw={raw}
        processKeys={processKeys}
        onApply={(f, r) => {
          setPrevious([]);
          setSearch(searchFromFilters(f, r));
        }}
      />
      {isOperator && (
        <div className="toolbar">
          <span className="muted">{selected.size} selected</span>
          <button type="button" className="danger" disabled={selected.size === 0 || bulkCancel.isPending} onClick={() => setConfirm('cancel')} data-testid="bulk-cancel">
            Cancel selected
          </button>
          <button type="button" disabled={selected.size === 0 || bulkRetry.isPending} onClick={() => setConfirm('retry')} data-testid="bulk-retry">
            Retry incidents of selected
          </button>
          {(bulkCancel.error || bulkRetry.error) && <span className="field-error">{errorMessage(bulkCancel.error ?? bulkRetry.error)}</span>}
        </div>
      )}
      {list.error && <p className="alert error">{errorMessage(list.error)}</p>}
      <table className="data" data-testid="instances-table">
        <thead>
          <tr>
            {isOperator && (
              <th>
                <input
                  type="checkbox"
                  aria-label="select all on this page"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(items.map((i) => i.id)))}
                />
              </th>
            )}
            <th>Instance</th>
            <th>Status</th>
            <th>Process</th>
            <th>Version</th>
            <th>Business key</th>
            <th>Started</th>
            <th>Duration</th>
            <th>Incidents</th>
          </tr>
        </thead>
        <tbody>
          {list.isLoading && (
            <tr>
              <td colSpan={9} className="muted">Loading…</td>
            </tr>
          )}
          {!list.isLoading && items.length === 0 && (
            <tr>
              <td colSpan={9} className="muted">No instances match these filters.</td>
            </tr>
          )}
          {items.map((i) => (
            <tr key={i.id} data-testid="instance-row" data-id={i.id}>
              {isOperator && (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`select ${i.id}`}
                    checked={selected.has(i.id)}
                    onChange={() => {
                      const next = new Set(selected);
                      if (next.has(i.id)) next.delete(i.id);
                      else next.add(i.id);
                      setSelected(next);
                    }}
                  />
                </td>
              )}
              <td>
                <Link to={`/instances/${i.id}`} className="mono">{i.id.slice(0, 8)}</Link>
              </td>
              <td>
                <StatusPill status={i.status} />
              </td>
              <td>
                <Link to={`/processes/${encodeURIComponent(i.key)}`}>{i.key}</Link>
              </td>
              <td>{i.version}</td>
              <td>{i.businessKey ?? '—'}</td>
              <td>{formatDateTime(i.startedAt)}</td>
              <td>{formatDuration(durationBetween(i.startedAt, i.endedAt))}</td>
              <td>{i.openIncidents ? <span className="incident-flag" title={`${i.openIncidents} open incidents`}>⚠ {i.openIncidents}</span> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <button
          type="button"
          disabled={!filters.cursor}
          onClick={() => {
            const back = previous.at(-1);
            setPrevious(previous.slice(0, -1));
            go(back);
          }}
        >
          ← Previous
        </button>
        <button
          type="button"
          disabled={!list.data?.nextCursor}
          onClick={() => {
            setPrevious([...previous, filters.cursor]);
            go(list.data?.nextCursor);
          }}
          data-testid="next-page"
        >
          Next →
        </button>
        {filters.cursor && (
          <button type="button" className="link" onClick={() => { setPrevious([]); go(undefined); }}>
            first page
          </button>
        )}
      </div>
      <ConfirmDialog
        open={confirm !== null}
        title={confirm === 'cancel' ? 'Cancel instances' : 'Retry incidents'}
        message={confirm === 'cancel' ? `Cancel ${selected.size} instance(s)? This cannot be undone.` : `Retry every open incident of ${selected.size} instance(s)?`}
        confirmLabel={confirm === 'cancel' ? 'Cancel instances' : 'Retry'}
        danger={confirm === 'cancel'}
        onCancel={() => setConfirm(null)}
        onConfirm={() => {
          const ids = [...selected];
          if (confirm === 'cancel') bulkCancel.mutate({ ids });
          else bulkRetry.mutate({ ids, retries: 1 });
          setConfirm(null);
        }}
      />
      <BulkResultDialog title={result?.title ?? ''} result={result?.result ?? null} onClose={() => setResult(null)} />
    </div>
  );
}
