import { useId } from 'react';
import type { FormField } from '@baton/shared';
import type { FormValues } from './generated-form';

interface GeneratedFormProps {
  fields: FormField[];
  values: FormValues;
  errors: Record<string, string>;
  /** errors are shown for touched fields, or all once the user tried to submit */
  showAllErrors: boolean;
  touched: Set<string>;
  disabled?: boolean;
  onChange: (id: string, value: unknown) => void;
}

/** A form generated from camunda:formData fields: string, long, boolean, date, enum. */
export function GeneratedForm({ fields, values, errors, showAllErrors, touched, disabled, onChange }: GeneratedFormProps) {
  const base = useId();
  return (
    <div className="generated-form">
      {fields.map((field) => {
        const id = `${base}-${field.id}`;
        const error = (showAllErrors || touched.has(field.id)) && errors[field.id];
        const label = `${field.label}${field.required ? ' *' : ''}`;
        const common = { id, disabled, 'aria-invalid': !!error, 'aria-describedby': error ? `${id}-error` : undefined, required: field.required };
        const value = values[field.id];
        let control;
        switch (field.type) {
          case 'boolean':
            control = (
              <label className="checkbox" htmlFor={id}>
                <input {...common} required={false} type="checkbox" checked={value === true} onChange={(e) => onChange(field.id, e.target.checked)} />
                {label}
              </label>
            );
            break;
          case 'long':
            control = (
              <label htmlFor={id}>
                {label}
                <input
                  {...common}
                  type="number"
                  step={1}
                  value={typeof value === 'number' ? value : ''}
                  onChange={(e) => onChange(field.id, e.target.value === '' ? undefined : Number(e.target.value))}
                />
              </label>
            );
            break;
          case 'date':
            control = (
              <label htmlFor={id}>
                {label}
                <input {...common} type="date" value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(field.id, e.target.value || undefined)} />
              </label>
            );
            break;
          case 'enum':
            control = (
              <label htmlFor={id}>
                {label}
                <select {...common} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(field.id, e.target.value || undefined)}>
                  <option value="">— choose —</option>
                  {field.values?.map((v) => (
                    <option key={v.id} value={v.id}>
                      {v.name}
                    </option>
                  ))}
                </select>
              </label>
            );
            break;
          default:
            control = (
              <label htmlFor={id}>
                {label}
                <input {...common} type="text" value={typeof value === 'string' ? value : value === undefined ? '' : String(value)} onChange={(e) => onChange(field.id, e.target.value)} />
              </label>
            );
        }
        return (
          <div className="form-row" key={field.id}>
            {control}
            {error && (
              <div id={`${id}-error`} className="field-error">
                {error}
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
