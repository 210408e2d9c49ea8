/**
 * A form generated from camunda:formData fields: initial values (current variables first, then the
 * field's default) and the same checks the runtime applies (services/form-validation.ts), so Complete
 * is enabled exactly when the server will accept the values.
 */
import type { FormField } from '@baton/shared';

export type FormValues = Record<string, unknown>;

function fromDefault(field: FormField): unknown {
  const d = field.defaultValue;
  if (d === undefined || d === null || d === '') return field.type === 'boolean' ? false : undefined;
  if (field.type === 'long') return Number.isInteger(Number(d)) ? Number(d) : undefined;
  if (field.type === 'boolean') return d === true || d === 'true';
  return String(d);
}

export function initialValues(fields: FormField[], variables: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const current = variables[field.id];
    const value = current !== undefined && current !== null ? current : fromDefault(field);
    if (value !== undefined) values[field.id] = field.type === 'date' && typeof value === 'string' ? value.slice(0, 10) : value;
  }
  return values;
}

/** field id -> message, empty when valid */
export function validateValues(fields: FormField[], values: FormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.id];
    if (value === undefined || value === null || value === '') {
      if (field.required) errors[field.id] = `${field.label} is required`;
      continue;
    }
    if (field.type === 'long' && (typeof value !== 'number' || !Number.isInteger(value))) errors[field.id] = `${field.label} must be a whole number`;
    if (field.type === 'boolean' && typeof value !== 'boolean') errors[field.id] = `${field.label} must be true or false`;
    if (field.type === 'date' && (typeof value !== 'string' || Number.isNaN(new Date(value).getTime()))) errors[field.id] = `${field.label} must be a date`;
    if (field.type === 'enum' && !field.values?.some((v) => v.id === value)) errors[field.id] = `${field.label} must be one of the options`;
  }
  return errors;
}

/** only the form's own fields, with empty optional values left out */
export function submittedValues(fields: FormField[], values: FormValues): FormValues {
  const out: FormValues = {};
  for (const field of fields) {
    const value = values[field.id];
    if (value !== undefined && value !== null && value !== '') out[field.id] = value;
  }
  return out;
}
