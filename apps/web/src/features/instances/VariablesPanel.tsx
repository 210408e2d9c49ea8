/**
 * Variables: the live values (or, while replaying, the values the history recorded up to that point).
 * Operators edit them as JSON, validated as they type, saved with instances.setVariables.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC, errorMessage } from '../../trpc/trpc';

interface VariablesPanelProps {
  instanceId: string;
  variables: Record<string, unknown>;
  replaying: boolean;
  changed: string[];
  canEdit: boolean;
  selectedName: string | null;
  onSelectName: (name: string | null) => void;
  /** names changed by the selected element (task completion, job) */
  highlighted: string[];
}

export function parseVariablesJson(text: string): { value?: Record<string, unknown>; error?: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'variables must be a JSON object, like {"amount": 10}' };
    for (const key of Object.keys(value)) if (['__proto__', 'constructor', 'prototype'].includes(key)) return { error: `variable name "${key}" is not allowed` };
    return { value: value as Record<string, unknown> };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export function VariablesPanel({ instanceId, variables, replaying, changed, canEdit, selectedName, onSelectName, highlighted }: VariablesPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const parsed = parseVariablesJson(text);
  const save = useMutation(
    trpc.instances.setVariables.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        void queryClient.invalidateQueries({ queryKey: trpc.instances.get.queryKey({ id: instanceId }) });
      },
    }),
  );
  const entries = Object.entries(variables);
  return (
    <div>
      {replaying && <p className="muted">Values recorded in the history up to this event{changed.length ? `; changed here: ${changed.join(', ')}` : ''}.</p>}
      {!editing && (
        <>
          <table className="data" data-testid="variables-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Value</th>
              </tr>
            </thead>
            <tbody>
              {entries.length === 0 && (
                <tr>
                  <td colSpan={2} className="muted">No variables.</td>
                </tr>
              )}
              {entries.map(([name, value]) => (
                <tr
                  key={name}
                  onClick={() => onSelectName(selectedName === name ? null : name)}
                  style={{ cursor: 'pointer', background: selectedName === name || highlighted.includes(name) || (replaying && changed.includes(name)) ? 'var(--color-info-bg)' : undefined }}
                >
                  <td className="mono">{name}</td>
                  <td className="mono" style={{ wordBreak: 'break-all' }}>{JSON.stringify(value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canEdit && !replaying && (
            <button
              type="button"
              style={{ marginTop: 'var(--space-2)' }}
              onClick={() => {
                setText(JSON.stringify(variables, null, 2));
                setEditing(true);
              }}
            >
              Edit variables
            </button>
          )}
        </>
      )}
      {editing && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (parsed.value) save.mutate({ id: instanceId, variables: parsed.value });
          }}
          style={{ display: 'flex', flexDirection: 'column', gap: 'var(--space-2)' }}
        >
          <label>
            Variables (JSON; the keys you give are set, others stay)
            <textarea rows={12} value={text} onChange={(e) => setText(e.target.value)} aria-invalid={!!parsed.error} data-testid="variables-editor" />
          </label>
          {parsed.error && <span className="field-error">{parsed.error}</span>}
          {save.error && <span className="field-error">{errorMessage(save.error)}</span>}
          <div className="toolbar">
            <button type="submit" className="primary" disabled={!!parsed.error || save.isPending}>
              Save
            </button>
            <button type="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
