/** Incidents of one instance: message, details, element, and Retry (operators). */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC, errorMessage } from '../../trpc/trpc';
import { formatDateTime } from '../../components/monitor/format';

interface IncidentsPanelProps {
  instanceId: string;
  canRetry: boolean;
  names: Record<string, string | null>;
  onSelect: (elementId: string) => void;
}

export function IncidentsPanel({ instanceId, canRetry, names, onSelect }: IncidentsPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [retries, setRetries] = useState(1);
  const incidents = useQuery(trpc.incidents.list.queryOptions({ instanceId }));
  const retry = useMutation(
    trpc.incidents.retry.mutationOptions({
      onSettled: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.incidents.list.queryKey({ instanceId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ id: instanceId }) });
      },
    }),
  );
  if (incidents.isLoading) return <p className="muted">Loading incidents…</p>;
  if (incidents.error) return <p className="alert error">{errorMessage(incidents.error)}</p>;
  const items = incidents.data?.items ?? [];
  if (items.length === 0) return <p className="muted" data-testid="no-incidents">No open incidents.</p>;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-2)' }}>
      {canRetry && (
        <label style={{ flexDirection: 'row', alignItems: 'center' }}>
          Retries on retry <input type="number" min={1} max={100} value={retries} onChange={(e) => setRetries(Math.max(1, Number(e.target.value) || 1))} style={{ width: 70 }} />
        </label>
      )}
      {retry.error && <p className="alert error">{errorMessage(retry.error)}</p>}
      {items.map((incident) => (
        <div key={incident.id} className="popover" data-testid="incident">
          <div className="toolbar">
            <b className="incident-flag">⚠ {incident.message}</b>
            <span className="spacer" />
            {canRetry && (
              <button type="button" className="primary" disabled={retry.isPending} onClick={() => retry.mutate({ id: incident.id, retries })}>
                Retry
              </button>
            )}
          </div>
          <div className="meta">
            <span>
              element{' '}
              <button type="button" className="link" onClick={() => onSelect(incident.elementId)}>
                {names[incident.elementId] ?? incident.elementId}
              </button>
            </span>
            <span>raised {formatDateTime(incident.createdAt)}</span>
            {incident.jobId && <span className="mono">job {incident.jobId}</span>}
          </div>
          {incident.details && <pre className="details">{incident.details}</pre>}
        </div>
      ))}
    </div>
  );
}
