import { useEffect, useMemo, useRef, useState } from 'react';
import type { TaskForm } from '@baton/shared';
import { FormJsForm } from './FormJsForm';
import { GeneratedForm } from './GeneratedForm';
import { initialValues, submittedValues, validateValues, type FormValues } from './generated-form';
import { parseRows, rowsFromVariables, VariablesEditor, type VariableRow } from './VariablesEditor';

export interface ProcessFormState {
  /** what Complete / Start sends */
  values: FormValues;
  valid: boolean;
}

interface ProcessFormProps {
  form: TaskForm;
  /** the instance's current variables: the form is prefilled from them */
  variables: Record<string, unknown>;
  /** show every field's message (after a submit attempt) */
  showAllErrors: boolean;
  disabled?: boolean;
  onState: (state: ProcessFormState) => void;
}

/**
 * The form of a task or start event, whichever kind it has: a linked form-js form, a form generated
 * from formData, or the variables editor. Reports the values to send and whether they validate.
 */
export function ProcessForm({ form, variables, showAllErrors, disabled, onState }: ProcessFormProps) {
  switch (form.kind) {
    case 'formjs':
      return <FormJsPart schema={form.schema} variables={variables} onState={onState} />;
    case 'generated':
      return <GeneratedPart fields={form.fields} variables={variables} showAllErrors={showAllErrors} disabled={disabled} onState={onState} />;
    default:
      return <VariablesPart variables={variables} disabled={disabled} onState={onState} />;
  }
}

function FormJsPart({ schema, variables, onState }: { schema: Record<string, unknown>; variables: Record<string, unknown>; onState: (s: ProcessFormState) => void }) {
  const keys = useMemo(() => collectKeys(schema.components), [schema]);
  return (
    <FormJsForm
      schema={schema}
      data={variables}
      onChange={(state) => {
        const values: FormValues = {};
        for (const key of keys) if (state.values[key] !== undefined && state.values[key] !== null && state.values[key] !== '') values[key] = state.values[key];
        onState({ values, valid: Object.values(state.errors).every((e) => !e?.length) });
      }}
    />
  );
}

function collectKeys(components: unknown): string[] {
  if (!Array.isArray(components)) return [];
  return components.flatMap((c: { key?: unknown; components?: unknown }) => [...(typeof c.key === 'string' ? [c.key] : []), ...collectKeys(c.components)]);
}

function GeneratedPart(props: { fields: NonNullable<Extract<TaskForm, { kind: 'generated' }>['fields']>; variables: Record<string, unknown>; showAllErrors: boolean; disabled?: boolean; onState: (s: ProcessFormState) => void }) {
  const { fields, variables, onState } = props;
  const [values, setValues] = useState(() => initialValues(fields, variables));
  const [touched, setTouched] = useState(() => new Set<string>());
  const errors = validateValues(fields, values);
  const valid = Object.keys(errors).length === 0;
  const report = useLatest(onState);
  useEffect(() => {
    report.current({ values: submittedValues(fields, values), valid });
  }, [values, valid, fields, report]);
  return (
    <GeneratedForm
      fields={fields}
      values={values}
      errors={errors}
      touched={touched}
      showAllErrors={props.showAllErrors}
      disabled={props.disabled}
      onChange={(id, value) => {
        setValues((v) => ({ ...v, [id]: value }));
        setTouched((t) => new Set(t).add(id));
      }}
    />
  );
}

function VariablesPart({ variables, disabled, onState }: { variables: Record<string, unknown>; disabled?: boolean; onState: (s: ProcessFormState) => void }) {
  const [rows, setRows] = useState<VariableRow[]>(() => rowsFromVariables(variables));
  const parsed = useMemo(() => parseRows(rows), [rows]);
  const report = useLatest(onState);
  useEffect(() => {
    report.current(parsed.ok ? { values: parsed.values, valid: true } : { values: {}, valid: false });
  }, [parsed, report]);
  return <VariablesEditor rows={rows} onChange={setRows} disabled={disabled} error={parsed.ok ? null : parsed} />;
}

/** a ref that always holds the latest callback, so effects report changes without re-running for a new callback */
function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}
