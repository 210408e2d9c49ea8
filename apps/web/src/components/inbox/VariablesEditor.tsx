import { useId } from 'react';

export type VariableType = 'string' | 'number' | 'boolean' | 'json';
export interface VariableRow {
  name: string;
  type: VariableType;
  /** the text in the value box (booleans: "true"/"false") */
  text: string;
  /** a row that came from the instance; unchanged rows are not submitted */
  original?: string;
}

export function typeOf(value: unknown): VariableType {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'string';
  return 'json';
}

export function rowsFromVariables(variables: Record<string, unknown>): VariableRow[] {
  return Object.entries(variables).map(([name, value]) => {
    const type = typeOf(value);
    const text = type === 'string' ? (value as string) : JSON.stringify(value);
    return { name, type, text, original: `${type}:${text}` };
  });
}

/** parses the rows; returns the changed and new variables, or the first problem */
export function parseRows(rows: VariableRow[]): { ok: true; values: Record<string, unknown> } | { ok: false; error: string; index: number } {
  const values: Record<string, unknown> = {};
  const seen = new Set<string>();
  for (const [index, row] of rows.entries()) {
    const name = row.name.trim();
    if (!name && !row.text) continue;
    if (!name) return { ok: false, error: `Row ${index + 1}: give the variable a name`, index };
    if (['__proto__', 'constructor', 'prototype'].includes(name)) return { ok: false, error: `Variable name "${name}" is not allowed`, index };
    if (seen.has(name)) return { ok: false, error: `Variable "${name}" appears twice`, index };
    seen.add(name);
    if (row.original === `${row.type}:${row.text}`) continue;
    switch (row.type) {
      case 'string':
        values[name] = row.text;
        break;
      case 'number':
        if (row.text.trim() === '' || !Number.isFinite(Number(row.text))) return { ok: false, error: `"${name}" must be a number`, index };
        values[name] = Number(row.text);
        break;
      case 'boolean':
        values[name] = row.text === 'true';
        break;
      case 'json':
        try {
          values[name] = JSON.parse(row.text);
        } catch {
          return { ok: false, error: `"${name}" is not valid JSON`, index };
        }
    }
  }
  return { ok: true, values };
}

interface VariablesEditorProps {
  rows: VariableRow[];
  onChange: (rows: VariableRow[]) => void;
  disabled?: boolean;
  error?: { error: string; index: number } | null;
}

/** View the instance's variables and add or edit typed values (used when a task has no form). */
export function VariablesEditor({ rows, onChange, disabled, error }: VariablesEditorProps) {
  const base = useId();
  const update = (index: number, change: Partial<VariableRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  return (
    <div className="variables-editor">
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index} className={error?.index === index ? 'invalid' : undefined}>
              <td>
                <input aria-label={`Variable ${index + 1} name`} value={row.name} disabled={disabled || row.original !== undefined} onChange={(e) => update(index, { name: e.target.value })} />
              </td>
              <td>
                <select aria-label={`Variable ${index + 1} type`} value={row.type} disabled={disabled} onChange={(e) => update(index, { type: e.target.value as VariableType, ...(e.target.value === 'boolean' ? { text: 'true' } : {}) })}>
                  <option value="string">Text</option>
                  <option value="number">Number</option>
                  <option value="boolean">Boolean</option>
                  <option value="json">JSON</option>
                </select>
              </td>
              <td>
                {row.type === 'boolean' ? (
                  <select aria-label={`Variable ${index + 1} value`} value={row.text} disabled={disabled} onChange={(e) => update(index, { text: e.target.value })}>
                    <option value="true">true</option>
                    <option value="false">false</option>
                  </select>
                ) : (
                  <input id={`${base}-${index}`} aria-label={`Variable ${index + 1} value`} value={row.text} disabled={disabled} onChange={(e) => update(index, { text: e.target.value })} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="muted">No variables yet.</p>}
      <div className="toolbar">
        <button type="button" disabled={disabled} onClick={() => onChange([...rows, { name: '', type: 'string', text: '' }])}>
          Add variable
        </button>
      </div>
      {error && (
        <div className="field-error" role="alert">
          {error.error}
        </div>
      )}
    </div>
  );
}
