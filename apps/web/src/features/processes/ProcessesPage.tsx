/** Processes: every deployed key with its versions and instance counts (from stats.dashboard). */
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTRPC, errorMessage } from '../../trpc/trpc';
import { formatDateTime, formatDuration } from '../../components/monitor/format';
import '../../components/monitor/monitor.css';

export default function ProcessesPage() {
  const trpc = useTRPC();
  const definitions = useQuery(trpc.definitions.list.queryOptions());
  const dashboard = useQuery(trpc.stats.dashboard.queryOptions());
  const byKey = new Map<string, NonNullable<typeof definitions.data>['items']>();
  for (const d of definitions.data?.items ?? []) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
  const counts = new Map((dashboard.data?.processes ?? []).map((p) => [p.key, p]));
  return (
    <div className="monitor-page" data-testid="processes-page">
      <h1>Processes</h1>
      {definitions.error && <p className="alert error">{errorMessage(definitions.error)}</p>}
      {definitions.isLoading && <p className="muted">Loading…</p>}
      {!definitions.isLoading && byKey.size === 0 && <p className="empty-state">Nothing deployed yet. Deploy a diagram from the modeler.</p>}
      <table className="data">
        <thead>
          <tr>
            <th>Process</th>
            <th>Versions</th>
            <th>Running</th>
            <th>Completed</th>
            <th>Failed</th>
            <th>Cancelled</th>
            <th>Incidents</th>
            <th>Avg duration</th>
          </tr>
        </thead>
        <tbody>
          {[...byKey].map(([key, versions]) => {
            const c = counts.get(key);
            const q = (extra: string) => `/instances?key=${encodeURIComponent(key)}${extra}`;
            return (
              <tr key={key} data-testid="process-row" data-key={key}>
                <td>
                  <Link to={`/processes/${encodeURIComponent(key)}`}>{versions[0].name || key}</Link> <span className="mono muted">{key}</span>
                </td>
                <td>
                  {versions.map((v) => (
                    <Link key={v.id} to={`/processes/${encodeURIComponent(key)}?version=${v.version}`} title={`deployed ${formatDateTime(v.deployedAt)}`} style={{ marginRight: 6 }}>
                      v{v.version}
                    </Link>
                  ))}
                </td>
                <td><Link to={q('&status=running')}>{c?.running ?? 0}</Link></td>
                <td><Link to={q('&status=completed')}>{c?.completed ?? 0}</Link></td>
                <td><Link to={q('&status=failed')}>{c?.failed ?? 0}</Link></td>
                <td><Link to={q('&status=cancelled')}>{c?.cancelled ?? 0}</Link></td>
                <td>{c?.openIncidents ? <Link className="incident-flag" to={q('&incident=yes')}>⚠ {c.openIncidents}</Link> : 0}</td>
                <td>{formatDuration(c?.avgDurationMs)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
