/** The filter bar of the instance list; applying writes the filters into the URL. */
import { useState } from 'react';
import type { VariableCondition } from '@baton/shared';
import type { InstanceListFilters } from './instance-filters';
import { parseCondition, formatCondition } from './instance-filters';

interface Props {
  filters: InstanceListFilters;
  raw: { from?: string; to?: string };
  processKeys: string[];
  onApply: (filters: InstanceListFilters, raw: { from?: string; to?: string }) => void;
}

export function InstanceFiltersForm({ filters, raw, processKeys, onApply }: Props) {
  const [status, setStatus] = useState(filters.status ?? '');
  const [key, setKey] = useState(filters.key ?? '');
  const [version, setVersion] = useState(filters.version?.toString() ?? '');
  const [businessKey, setBusinessKey] = useState(filters.businessKey ?? '');
  const [from, setFrom] = useState(raw.from ?? '');
  const [to, setTo] = useState(raw.to ?? '');
  const [incident, setIncident] = useState(filters.hasIncident === undefined ? '' : filters.hasIncident ? 'yes' : 'no');
  const [conditions, setConditions] = useState<string[]>((filters.variables ?? []).map(formatCondition));
  const [element, setElement] = useState(filters.elementId ?? '');
  const invalid = conditions.filter((c) => c.trim() && !parseCondition(c.trim()));

  const apply = () => {
    const next: InstanceListFilters = {};
    if (status) next.status = status as InstanceListFilters['status'];
    if (key) next.key = key;
    if (version && Number.isInteger(Number(version))) next.version = Number(version);
    if (businessKey) next.businessKey = businessKey;
    if (incident) next.hasIncident = incident === 'yes';
    const parsed = conditions.map((c) => parseCondition(c.trim())).filter((c): c is VariableCondition => !!c);
    if (parsed.length) next.variables = parsed;
    if (element) next.elementId = element;
    onApply(next, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  };

  return (
    <form
      className="filters"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      aria-label="Instance filters"
    >
      <label>
        Status
        <select value={status} onChange={(e) => setStatus(e.target.value)} name="status">
          <option value="">any</option>
          <option value="running">running</option>
          <option value="completed">completed</option>
          <option value="failed">failed</option>
          <option value="cancelled">cancelled</option>
        </select>
      </label>
      <label>
        Process
        <input list="process-keys" value={key} onChange={(e) => setKey(e.target.value)} name="key" placeholder="any" />
        <datalist id="process-keys">
          {processKeys.map((k) => (
            <option key={k} value={k} />
          ))}
        </datalist>
      </label>
      <label style={{ minWidth: 80 }}>
        Version
        <input value={version} onChange={(e) => setVersion(e.target.value)} name="version" inputMode="numeric" style={{ width: 80 }} />
      </label>
      <label>
        Business key
        <input value={businessKey} onChange={(e) => setBusinessKey(e.target.value)} name="businessKey" />
      </label>
      <label>
        Started after
        <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} name="from" />
      </label>
      <label>
        Started before
        <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} name="to" />
      </label>
      <label>
        Incident
        <select value={incident} onChange={(e) => setIncident(e.target.value)} name="incident">
          <option value="">any</option>
          <option value="yes">has open incident</option>
          <option value="no">no open incident</option>
        </select>
      </label>
      <label>
        Waiting at element
        <input value={element} onChange={(e) => setElement(e.target.value)} name="element" placeholder="element id" />
      </label>
      <div className="var-conditions">
        <span className="muted" style={{ fontSize: 'var(--font-size-sm)' }}>Variables (op:name:value, op = eq neq lt gt contains)</span>
        {conditions.map((c, i) => (
          <div key={i} className="var-condition">
            <input
              value={c}
              onChange={(e) => setConditions(conditions.map((x, j) => (j === i ? e.target.value : x)))}
              placeholder="gt:amount:1000"
              aria-label={`variable condition ${i + 1}`}
              aria-invalid={!!c.trim() && !parseCondition(c.trim())}
            />
            <button type="button" onClick={() => setConditions(conditions.filter((_, j) => j !== i))} aria-label="remove condition">
              ✕
            </button>
          </div>
        ))}
        <button type="button" onClick={() => setConditions([...conditions, ''])} disabled={conditions.length >= 10}>
          + variable condition
        </button>
        {invalid.length > 0 && <span className="field-error">Write conditions as op:name:value, e.g. gt:amount:1000</span>}
      </div>
      <div className="toolbar">
        <button type="submit" className="primary" disabled={invalid.length > 0}>
          Apply filters
        </button>
        <button type="button" onClick={() => onApply({}, {})}>
          Clear
        </button>
      </div>
    </form>
  );
}
