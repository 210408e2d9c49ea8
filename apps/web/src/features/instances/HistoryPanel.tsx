/** History: element instances (start, end, duration) as a tree for sub-processes, then who did what. */
import type { RuntimeEvent, InstanceView } from '@baton/shared';
import { useMemo } from 'react';
import { formatDateTime, formatDuration } from '../../components/monitor/format';
import { auditLines, historyTree, type HistoryNode } from './history-tree';

interface HistoryPanelProps {
  view: InstanceView;
  events: RuntimeEvent[];
  names: Record<string, string | null>;
  parentOf: (elementId: string) => string | null;
  selectedId: string | null;
  highlighted?: string[];
  onSelect: (elementId: string) => void;
}

function Node({ node, props }: { node: HistoryNode; props: HistoryPanelProps }) {
  const r = node.record;
  const name = props.names[r.elementId];
  const selected = props.selectedId === r.elementId || props.highlighted?.includes(r.elementId);
  return (
    <li>
      <div className={`history-row ${selected ? 'selected' : ''}`} onClick={() => props.onSelect(r.elementId)} data-testid="history-row" data-element={r.elementId}>
        <span>
          {name ?? r.elementId} <span className="muted mono">{name ? r.elementId : ''}</span>
        </span>
        <span className={`state-${r.state}`}>{r.state === 'active' ? 'active' : formatDuration(r.durationMs)}</span>
        <span className="when">
          {formatDateTime(r.enteredAt)} → {r.endedAt ? formatDateTime(r.endedAt) : '…'} {r.state === 'cancelled' ? '(cancelled)' : ''}
        </span>
      </div>
      {node.children.length > 0 && (
        <ul className="history-children" style={{ listStyle: 'none', margin: 0 }}>
          {node.children.map((c) => (
            <Node key={c.record.executionId + c.record.enteredSeq} node={c} props={props} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function HistoryPanel(props: HistoryPanelProps) {
  const tree = useMemo(() => historyTree(props.view.executions, props.parentOf), [props.view, props.parentOf]);
  const audit = useMemo(() => auditLines(props.events.filter((e) => e.seq <= props.view.lastSeq)), [props.events, props.view.lastSeq]);
  return (
    <div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Element instances">
        {tree.map((n) => (
          <Node key={n.record.executionId + n.record.enteredSeq} node={n} props={props} />
        ))}
      </ul>
      <h3 style={{ fontSize: 'var(--font-size-md)', margin: 'var(--space-3) 0 var(--space-1)' }}>Audit trail</h3>
      {audit.length === 0 && <p className="muted">No commands yet.</p>}
      <ul style={{ margin: 0, paddingLeft: 'var(--space-4)', fontSize: 'var(--font-size-sm)' }} data-testid="audit-trail">
        {audit.map((line) => (
          <li key={line.seq}>
            <span className="muted">{formatDateTime(line.at)}</span> <b>{line.actor}</b> {line.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
