import { useDeferredValue } from 'react';
import type { Problem } from '../../modeler/features/lint/problems';

interface ProblemsPanelProps {
  problems: Problem[];
  open: boolean;
  onToggle: () => void;
  onSelect: (problem: Problem) => void;
}

const SEVERITY_LABEL = { error: 'Error', warning: 'Warning', info: 'Info' } as const;

/**
 * Collapsible list of lint findings; a row selects its element on the canvas. The list renders at
 * low priority (useDeferredValue), so a thousand findings after a lint never hold up input.
 */
export function ProblemsPanel({ problems: latest, open, onToggle, onSelect }: ProblemsPanelProps) {
  const problems = useDeferredValue(latest);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  return (
    <section className="problems" aria-label="Problems">
      <div className="problems-header">
        <button type="button" aria-expanded={open} aria-controls="problems-list" onClick={onToggle}>
          {open ? '▾' : '▸'} Problems
        </button>
        <span className="muted" data-testid="problem-counts">
          {errors} error{errors === 1 ? '' : 's'}, {warnings} warning{warnings === 1 ? '' : 's'}
        </span>
      </div>
      {open && (
        <ul className="problems-list" id="problems-list">
          {problems.length === 0 && <li className="muted" style={{ padding: '4px 12px' }}>No problems — this diagram matches what the runtime executes.</li>}
          {problems.map((p, i) => (
            <li key={`${p.rule}-${p.reportedId}-${i}`}>
              <button type="button" onClick={() => onSelect(p)} data-element-id={p.elementId}>
                <span className={`sev ${p.severity}`}>{SEVERITY_LABEL[p.severity]}</span>
                <span className="problem-element">{p.elementName ? `${p.elementName} (${p.reportedId})` : p.reportedId}</span>
                <span>{p.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
