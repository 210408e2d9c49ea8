/**
 * Operations log: every command recorded with who did it and when (starts, task work, cancels,
 * variable edits, incident retries, messages, signals, job results, deploys). Filters live in the URL;
 * pages load with the keyset cursor ("Load more"). Append-only: nothing here edits the log.
 */
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTRPC, errorMessage } from '../../trpc/trpc';
import { formatDateTime } from '../../components/monitor/format';
import '../../components/monitor/monitor.css';

const ACTIONS = [
  'definition.deploy', 'instance.start', 'instance.cancel', 'variables.set', 'task.claim', 'task.unclaim', 'task.assign', 'task.complete',
  'task.update', 'task.delegate', 'task.resolve', 'task.comment', 'message.correlate', 'signal.broadcast', 'incident.retry', 'job.complete', 'job.fail',
];

const iso = (local: string | null) => {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
};

export default function OperationsPage() {
  const trpc = useTRPC();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => {
    const f: { actor?: string; action?: string; processKey?: string; from?: string; to?: string } = {};
    for (const [name, param] of [['actor', 'who'], ['action', 'what'], ['processKey', 'process']] as const) {
      const v = search.get(param);
      if (v) f[name] = v;
    }
    const from = iso(search.get('from'));
    const to = iso(search.get('to'));
    if (from) f.from = from;
    if (to) f.to = to;
    return f;
  }, [search]);
  const log = useInfiniteQuery(
    trpc.operations.list.infiniteQueryOptions({ ...filters, limit: 50 }, { getNextPageParam: (page) => page.nextCursor, initialCursor: undefined }),
  );
  const rows = log.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="monitor-page" data-testid="operations-page">
      <h1>Operations log</h1>
      <form
        className="filters"
        key={search.toString()}
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          const next = new URLSearchParams();
          for (const name of ['who', 'what', 'process', 'from', 'to']) {
            const v = String(form.get(name) ?? '').trim();
            if (v) next.set(name, v);
          }
          setSearch(next);
        }}
      >
        <label>
          Who
          <input name="who" defaultValue={search.get('who') ?? ''} placeholder="username or worker id" />
        </label>
        <label>
          What
          <select name="what" defaultValue={search.get('what') ?? ''}>
            <option value="">any</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          Process
          <input name="process" defaultValue={search.get('process') ?? ''} placeholder="process key" />
        </label>
        <label>
          From
          <input type="datetime-local" name="from" defaultValue={search.get('from') ?? ''} />
        </label>
        <label>
          To
          <input type="datetime-local" name="to" defaultValue={search.get('to') ?? ''} />
        </label>
        <div className="toolbar">
          <button type="submit" className="primary">Apply</button>
          <button type="button" onClick={() => setSearch(new URLSearchParams())}>Clear</button>
        </div>
      </form>
      {log.error && <p className="alert error">{errorMessage(log.error)}</p>}
      <table className="data" data-testid="operations-table">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>What</th>
            <th>Process</th>
            <th>Instance</th>
            <th>Target</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {log.isLoading && (
            <tr><td colSpan={7} className="muted">Loading…</td></tr>
          )}
          {!log.isLoading && rows.length === 0 && (
            <tr><td colSpan={7} className="muted">No operations match these filters.</td></tr>
          )}
          {rows.map((op) => (
            <tr key={op.id} data-testid="operation-row">
              <td>{formatDateTime(op.at)}</td>
              <td>{op.actor}</td>
              <td className="mono">{op.action}</td>
              <td>{op.processKey ? <Link to={`/processes/${encodeURIComponent(op.processKey)}`}>{op.processKey}</Link> : '—'}</td>
              <td>{op.instanceId ? <Link to={`/instances/${op.instanceId}`} className="mono">{op.instanceId.slice(0, 8)}</Link> : '—'}</td>
              <td className="mono">{op.elementId ?? op.targetId?.slice(0, 12) ?? '—'}</td>
              <td className="mono" style={{ fontSize: 12 }}>{Object.keys(op.details).length ? JSON.stringify(op.details) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {log.hasNextPage && (
        <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Load more
        </button>
      )}
    </div>
  );
}
