/**
 * One process: a version's diagram with aggregate badges across its running instances (active,
 * incidents; completed with the toggle), a heatmap mode (passes, average duration, or the SLA view of
 * open user tasks: overdue / due soon), and the list of
 * instances waiting at the clicked element. Live: events of any instance refresh the counts.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC, useTRPCClient, errorMessage } from '../../trpc/trpc';
import { StatusPill } from '../../components/monitor/StatusPill';
import { formatDateTime, formatDuration } from '../../components/monitor/format';
import '../../components/monitor/monitor.css';
import { LiveDiagram, liveStateOfStats, type DiagramElementInfo } from '../../modeler/LiveDiagram';

type HeatMode = 'off' | 'passes' | 'duration' | 'sla';
const SLA_COLOURS = { overdue: 'hsl(0 80% 50% / 0.6)', soon: 'hsl(38 95% 50% / 0.6)', ok: 'hsl(140 60% 40% / 0.45)' };
const REFRESH_DEBOUNCE_MS = 300;

export default function ProcessPage() {
  const { key = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.definitions.list.queryOptions({ key }));
  const wanted = Number(search.get('version')) || undefined;
  const items = versions.data?.items ?? [];
  const current = items.find((d) => d.version === wanted) ?? items[0];
  const definition = useQuery(trpc.definitions.get.queryOptions({ id: current?.id ?? '' }, { enabled: !!current, staleTime: Infinity }));
  const stats = useQuery(trpc.definitions.stats.queryOptions({ id: current?.id ?? '' }, { enabled: !!current }));
  const [showCompleted, setShowCompleted] = useState(false);
  const heatMode = (search.get('heat') as HeatMode | null) ?? 'off';
  const elementId = search.get('element');
  const [elements, setElements] = useState<DiagramElementInfo[]>([]);
  const names = useMemo(() => Object.fromEntries(elements.map((e) => [e.id, e.name])), [elements]);

  const sla = useQuery(trpc.stats.sla.queryOptions({ definitionId: current?.id ?? '' }, { enabled: !!current && heatMode === 'sla' }));
  const waiting = useQuery(
    trpc.instances.list.queryOptions({ definitionId: current?.id ?? '', elementId: elementId ?? '', status: 'running', limit: 50 }, { enabled: !!current && !!elementId }),
  );

  // live: any event of this definition's instances refreshes the aggregate (debounced)
  useEffect(() => {
    if (!current) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = client.instances.onEvent.subscribe(
      {},
      {
        onData: () => {
          timer ??= setTimeout(() => {
            timer = undefined;
            void queryClient.invalidateQueries({ queryKey: trpc.definitions.stats.queryKey({ id: current.id }) });
            void queryClient.invalidateQueries({ queryKey: trpc.stats.sla.queryKey({ definitionId: current.id }) });
            void queryClient.invalidateQueries({ queryKey: trpc.instances.list.pathKey() });
          }, REFRESH_DEBOUNCE_MS);
        },
      },
    );
    return () => {
      sub.unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [client, current, queryClient, trpc]);

  const live = useMemo(() => liveStateOfStats(stats.data?.items ?? [], showCompleted), [stats.data, showCompleted]);
  const heat = useMemo(() => {
    if (heatMode === 'sla') {
      if (!sla.data) return null;
      const byElement = new Map(sla.data.items.map((s) => [s.elementId, s]));
      return {
        values: Object.fromEntries(sla.data.items.map((s) => [s.elementId, s.open])),
        format: (_v: number, id: string) => {
          const s = byElement.get(id)!;
          return `${s.overdue} overdue · ${s.dueSoon} due soon · ${s.open} open`;
        },
        colourOf: (id: string) => {
          const s = byElement.get(id)!;
          return SLA_COLOURS[s.overdue > 0 ? 'overdue' : s.dueSoon > 0 ? 'soon' : 'ok'];
        },
      };
    }
    if (heatMode === 'off' || !stats.data) return null;
    const values: Record<string, number> = {};
    for (const s of stats.data.items) values[s.elementId] = heatMode === 'passes' ? s.completed + s.active : (s.avgDurationMs ?? 0);
    return { values, format: heatMode === 'passes' ? (v: number) => `${v} passed` : (v: number) => formatDuration(v) };
  }, [heatMode, stats.data, sla.data]);

  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(search);
    if (value === null) next.delete(name);
    else next.set(name, value);
    setSearch(next, { replace: true });
  };

  if (versions.isLoading) return <div className="center-message">Loading…</div>;
  if (versions.error) return <div className="page"><p className="alert error">{errorMessage(versions.error)}</p></div>;
  if (!current) return <div className="page"><h1>{key}</h1><p className="empty-state">No deployed version of “{key}”.</p></div>;
  const totals = (stats.data?.items ?? []).reduce((t, s) => ({ active: t.active + s.active, incidents: t.incidents + s.incidents }), { active: 0, incidents: 0 });

  return (
    <div className="monitor-page" data-testid="process-page">
      <header className="instance-header">
        <h1>{current.name || key}</h1>
        <span className="mono muted">{key}</span>
        <label style={{ flexDirection: 'row', alignItems: 'center' }}>
          version
          <select value={current.version} onChange={(e) => set('version', e.target.value)} data-testid="version-select">
            {items.map((d) => (
              <option key={d.id} value={d.version}>
                v{d.version} — {formatDateTime(d.deployedAt)}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <Link to={`/instances?key=${encodeURIComponent(key)}&version=${current.version}`}>All instances of v{current.version}</Link>
      </header>
      <div className="meta">
        <span>tokens in running instances <b data-testid="total-active">{totals.active}</b></span>
        <span>open incidents <b>{totals.incidents}</b></span>
      </div>
      <div className="toolbar">
        <label style={{ flexDirection: 'row', alignItems: 'center' }}>
          <input type="checkbox" checked={showCompleted} onChange={() => setShowCompleted(!showCompleted)} /> show completed
        </label>
        <span className="muted">Heatmap:</span>
        {(['off', 'passes', 'duration', 'sla'] as const).map((m) => (
          <button key={m} type="button" aria-pressed={heatMode === m} className={heatMode === m ? 'primary' : ''} onClick={() => set('heat', m === 'off' ? null : m)} data-testid={`heat-${m}`}>
            {m === 'off' ? 'off' : m === 'passes' ? 'instances passed' : m === 'duration' ? 'average duration' : 'SLA (user tasks)'}
          </button>
        ))}
      </div>
      <div style={{ display: 'flex', minHeight: 420, flex: 1 }}>
        <LiveDiagram xml={definition.data?.xml} live={live} heat={heat} selectedId={elementId} onSelect={(id) => set('element', id)} onElements={setElements} />
      </div>
      {elementId && (
        <section className="popover" data-testid="waiting-instances">
          <div className="toolbar">
            <b>Running instances at {names[elementId] ?? elementId}</b>
            <span className="spacer" />
            <Link to={`/instances?key=${encodeURIComponent(key)}&version=${current.version}&status=running&element=${encodeURIComponent(elementId)}`}>open in instance list</Link>
            <button type="button" className="link" onClick={() => set('element', null)}>close</button>
          </div>
          {waiting.isLoading && <p className="muted">Loading…</p>}
          {waiting.data && waiting.data.items.length === 0 && <p className="muted">No running instance is at this element.</p>}
          <ul style={{ margin: 0, paddingLeft: 'var(--space-4)' }}>
            {waiting.data?.items.map((i) => (
              <li key={i.id}>
                <Link to={`/instances/${i.id}`} className="mono">{i.id.slice(0, 8)}</Link> <StatusPill status={i.status} /> {i.businessKey ?? ''} · started {formatDateTime(i.startedAt)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
