/**
 * Live instance page: the instance's own definition version in a viewer with live overlays, fed by
 * instances.onEvent (no polling); side panels History / Variables / Incidents; a replay scrubber that
 * redraws badges, path and variables from a prefix of history with the same reducer as the runtime.
 * The diagram, history and variables select each other.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { reduceEvents, reduceUntil } from '@baton/shared';
import { useTRPC, errorMessage } from '../../trpc/trpc';
import { useSessionUser } from '../../stores/session-user';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { StatusPill } from '../../components/monitor/StatusPill';
import { durationBetween, formatDateTime, formatDuration } from '../../components/monitor/format';
import '../../components/monitor/monitor.css';
import { LiveDiagram, liveStateOfView, type DiagramElementInfo } from '../../modeler/LiveDiagram';
import { HistoryPanel } from './HistoryPanel';
import { IncidentsPanel } from './IncidentsPanel';
import { ReplayScrubber } from './ReplayScrubber';
import { VariablesPanel } from './VariablesPanel';
import { variableSources } from './history-tree';
import { useInstanceEvents } from './use-instance-events';
import * as ui from './live-instance-ui-store';

const REFRESH_DEBOUNCE_MS = 150;

export default function InstancePage() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { user } = useSessionUser();
  const isOperator = !!user?.roles?.some((r) => r === 'operator' || r === 'admin');

  const selectedId = ui.useLiveInstanceUi(ui.selectSelectedElement);
  const tab = ui.useLiveInstanceUi(ui.selectTab);
  const showCompleted = ui.useLiveInstanceUi(ui.selectShowCompleted);
  const replayIndex = ui.useLiveInstanceUi(ui.selectReplayIndex);
  const playing = ui.useLiveInstanceUi(ui.selectPlaying);
  const elementSelected = ui.useLiveInstanceUi(ui.selectElementSelected);
  const tabChosen = ui.useLiveInstanceUi(ui.selectTabChosen);
  const showCompletedToggled = ui.useLiveInstanceUi(ui.selectShowCompletedToggled);
  const replayMoved = ui.useLiveInstanceUi(ui.selectReplayMoved);
  const playToggled = ui.useLiveInstanceUi(ui.selectPlayToggled);
  const pageLeft = ui.useLiveInstanceUi(ui.selectPageLeft);
  useEffect(() => pageLeft, [id, pageLeft]);

  const instance = useQuery(trpc.instances.get.queryOptions({ id }));
  const definition = useQuery(trpc.definitions.get.queryOptions({ id: instance.data?.definitionId ?? '' }, { enabled: !!instance.data, staleTime: Infinity }));
  const { events, connected, error: streamError } = useInstanceEvents(id);

  // the header, variables and incidents follow the stream: refetch once a burst of events settles
  useEffect(() => {
    if (events.length === 0) return;
    const timer = setTimeout(() => {
      void queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ id }) });
      void queryClient.invalidateQueries({ queryKey: trpc.incidents.list.queryKey({ instanceId: id }) });
    }, REFRESH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [events.length, id, queryClient, trpc]);

  const replaySeq = replayIndex === null ? null : (events[replayIndex - 1]?.seq ?? 0);
  const view = useMemo(() => (replaySeq === null ? reduceEvents(events) : reduceUntil(events, replaySeq)), [events, replaySeq]);
  const children = instance.data?.children;
  const live = useMemo(() => {
    const state = liveStateOfView(view, showCompleted);
    const links: NonNullable<typeof state.links> = {};
    for (const child of children ?? []) {
      if (!child.elementId) continue;
      (links[child.elementId] ??= []).push({ href: `/instances/${child.id}`, label: `${child.key} (${child.status})` });
    }
    return { ...state, links };
  }, [view, showCompleted, children]);
  const navigate = useNavigate();

  const [elements, setElements] = useState<DiagramElementInfo[]>([]);
  const names = useMemo(() => Object.fromEntries(elements.map((e) => [e.id, e.name])), [elements]);
  const parents = useMemo(() => new Map(elements.map((e) => [e.id, e.parentId])), [elements]);
  const parentOf = useCallback((elementId: string) => parents.get(elementId) ?? null, [parents]);

  const [selectedVariable, setSelectedVariable] = useState<string | null>(null);
  const sources = useMemo(() => variableSources(events), [events]);
  const highlightedElements = selectedVariable ? (sources[selectedVariable] ?? []) : [];
  const highlightedVariables = selectedId ? Object.entries(sources).filter(([, els]) => els.includes(selectedId)).map(([name]) => name) : [];

  const [confirmCancel, setConfirmCancel] = useState(false);
  const cancel = useMutation(
    trpc.instances.cancel.mutationOptions({
      onSettled: () => void queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ id }) }),
    }),
  );

  if (instance.isLoading) return <div className="center-message">Loading instance…</div>;
  if (instance.error) return <div className="page"><p className="alert error">{errorMessage(instance.error)}</p><Link to="/instances">Back to instances</Link></div>;
  const data = instance.data!;
  const incidentCount = replayIndex === null ? data.incidents.length : view.incidents.length;
  const selectedExecutions = selectedId ? view.executions.filter((e) => e.elementId === selectedId) : [];
  const replaying = replayIndex !== null;
  const variables = replaying ? view.variables : data.variables;

  return (
    <div className="monitor-page" data-testid="instance-page">
      <header className="instance-header">
        <h1>
          <Link to={`/processes/${encodeURIComponent(data.key)}`}>{definition.data?.name ?? data.key}</Link> <span className="muted">v{data.version}</span>
        </h1>
        <StatusPill status={data.status} />
        <span className="mono muted" title="instance id">{data.id}</span>
        <span className="spacer" />
        {isOperator && data.status === 'running' && (
          <button type="button" className="danger" onClick={() => setConfirmCancel(true)} data-testid="cancel-instance">
            Cancel instance
          </button>
        )}
      </header>
      <div className="meta">
        <span>business key <b>{data.businessKey ?? '—'}</b></span>
        <span>started <b>{formatDateTime(data.startedAt)}</b></span>
        <span>ended <b>{formatDateTime(data.endedAt)}</b></span>
        <span>duration <b>{formatDuration(durationBetween(data.startedAt, data.endedAt))}</b></span>
        {data.parentInstanceId && (
          <span>
            parent <Link to={`/instances/${data.parentInstanceId}`}>{data.parentInstanceId.slice(0, 8)}</Link>
          </span>
        )}
        {data.children.length > 0 && (
          <span>
            called:{' '}
            {data.children.map((c) => (
              <Link key={c.id} to={`/instances/${c.id}`} style={{ marginRight: 6 }}>
                {c.key} ({c.status})
              </Link>
            ))}
          </span>
        )}
        <span title={streamError ?? undefined} data-testid="live-status">{connected ? '● live' : streamError ? '○ reconnecting' : '○ connecting'}</span>
      </div>
      {cancel.error && <p className="alert error">{errorMessage(cancel.error)}</p>}
      {incidentCount > 0 && (
        <button type="button" className="alert error banner-button" onClick={() => tabChosen('incidents')} data-testid="incident-banner">
          ⚠ {incidentCount} incident{incidentCount === 1 ? '' : 's'} — open the incidents panel
        </button>
      )}
      <div className="instance-layout">
        <div className="instance-main">
          <div className="toolbar">
            <label style={{ flexDirection: 'row', alignItems: 'center' }}>
              <input type="checkbox" checked={showCompleted} onChange={showCompletedToggled} data-testid="toggle-completed" /> show completed
            </label>
          </div>
          <LiveDiagram xml={definition.data?.xml} live={live} selectedId={selectedId} onSelect={elementSelected} onNavigate={(href) => void navigate(href)} onElements={setElements} />
          {selectedId && (
            <div className="popover" data-testid="element-popover">
              <b>{names[selectedId] ?? selectedId}</b> <span className="mono muted">{selectedId}</span>{' '}
              <button type="button" className="link" onClick={() => elementSelected(null)}>close</button>
              {selectedExecutions.length === 0 && <div className="muted">No token reached this element{replaying ? ' yet' : ''}.</div>}
              <ul style={{ margin: 0, paddingLeft: 'var(--space-4)' }}>
                {selectedExecutions.map((e) => (
                  <li key={e.executionId + e.enteredSeq}>
                    <span className="mono">{e.executionId}</span> · {e.state} · {formatDateTime(e.enteredAt)} → {e.endedAt ? formatDateTime(e.endedAt) : '…'} · {formatDuration(e.durationMs ?? durationBetween(e.enteredAt, null))}
                  </li>
                ))}
              </ul>
              {view.elements[selectedId]?.wait && <div>{live.elements[selectedId]?.wait}</div>}
            </div>
          )}
          <ReplayScrubber events={events} index={replayIndex} playing={playing} onMove={replayMoved} onPlay={playToggled} />
        </div>
        <aside className="instance-side">
          <div className="tabs" role="tablist">
            {(['history', 'variables', 'incidents'] as const).map((t) => (
              <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => tabChosen(t)} data-testid={`tab-${t}`}>
                {t === 'history' ? 'History' : t === 'variables' ? 'Variables' : `Incidents${incidentCount ? ` (${incidentCount})` : ''}`}
              </button>
            ))}
          </div>
          <div className="tab-body">
            {tab === 'history' && (
              <HistoryPanel view={view} events={events} names={names} parentOf={parentOf} selectedId={selectedId} highlighted={highlightedElements} onSelect={elementSelected} />
            )}
            {tab === 'variables' && (
              <VariablesPanel
                instanceId={id}
                variables={variables}
                replaying={replaying}
                changed={view.changedVariables}
                canEdit={isOperator && data.status === 'running'}
                selectedName={selectedVariable}
                onSelectName={(name) => {
                  setSelectedVariable(name);
                  const source = name ? sources[name]?.[0] : undefined;
                  if (source) elementSelected(source);
                }}
                highlighted={highlightedVariables}
              />
            )}
            {tab === 'incidents' && <IncidentsPanel instanceId={id} canRetry={isOperator} names={names} onSelect={elementSelected} />}
          </div>
        </aside>
      </div>
      <ConfirmDialog
        open={confirmCancel}
        title="Cancel instance"
        message={`Cancel this ${data.key} instance${data.businessKey ? ` (${data.businessKey})` : ''}? Its tokens stop and open tasks are cancelled. This cannot be undone.`}
        confirmLabel="Cancel instance"
        danger
        onCancel={() => setConfirmCancel(false)}
        onConfirm={() => {
          setConfirmCancel(false);
          cancel.mutate({ id });
        }}
      />
    </div>
  );
}
