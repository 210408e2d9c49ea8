/**
 * Server-side validation of submitted values against the task's (or start event's) form, so a
 * crafted request cannot bypass what the browser form enforces. Generated forms use the camunda:formData
 * rules of form-validation.ts; form-js forms are checked for required fields, types, min/max,
 * lengths, patterns and the options of selects and radios. Every problem names the field.
 */
import type { TaskForm } from '@baton/shared';
import { validateFormValues } from './form-validation.js';

interface Component {
  key?: string;
  label?: string;
  type?: string;
  values?: { value: unknown; label?: string }[];
  validate?: { required?: boolean; min?: number; max?: number; minLength?: number; maxLength?: number; pattern?: string };
  components?: Component[];
  disabled?: boolean;
  readonly?: boolean;
}

const INPUT_TYPES = new Set(['textfield', 'textarea', 'number', 'checkbox', 'checklist', 'radio', 'select', 'taglist', 'datetime']);

function* fields(components: Component[] | undefined): Generator<Component> {
  for (const c of components ?? []) {
    if (c.key && INPUT_TYPES.has(c.type ?? '')) yield c;
    if (c.components) yield* fields(c.components);
  }
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

export function validateFormJsValues(schema: Record<string, unknown>, values: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const field of fields(schema.components as Component[] | undefined)) {
    if (field.disabled || field.readonly) continue;
    const key = field.key!;
    const name = `"${field.label || key}" (${key})`;
    const value = values[key];
    const v = field.validate ?? {};
    if (empty(value)) {
      if (v.required) problems.push(`${name} is required`);
      continue;
    }
    switch (field.type) {
      case 'number': {
        const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
        if (!Number.isFinite(n)) problems.push(`${name} must be a number`);
        else if (v.min !== undefined && n < v.min) problems.push(`${name} must be at least ${v.min}`);
        else if (v.max !== undefined && n > v.max) problems.push(`${name} must be at most ${v.max}`);
        break;
      }
      case 'checkbox':
        if (typeof value !== 'boolean') problems.push(`${name} must be true or false`);
        break;
      case 'checklist':
      case 'taglist':
        if (!Array.isArray(value)) problems.push(`${name} must be a list`);
        else if (field.values && value.some((x) => !field.values!.some((o) => o.value === x))) problems.push(`${name} has a value that is not one of its options`);
        break;
      case 'radio':
      case 'select':
        if (field.values && !field.values.some((o) => o.value === value)) problems.push(`${name} must be one of ${field.values.map((o) => String(o.value)).join(', ')}`);
        break;
      default: {
        if (typeof value !== 'string') {
          problems.push(`${name} must be text`);
          break;
        }
        if (v.minLength !== undefined && value.length < v.minLength) problems.push(`${name} must have at least ${v.minLength} characters`);
        if (v.maxLength !== undefined && value.length > v.maxLength) problems.push(`${name} must have at most ${v.maxLength} characters`);
        if (v.pattern && value.length <= 10_000) {
          try {
            if (!new RegExp(`^(?:${v.pattern})$`).test(value)) problems.push(`${name} does not match the pattern ${v.pattern}`);
          } catch {
            // a pattern the browser cannot compile either: nothing to enforce
          }
        }
      }
    }
  }
  return problems;
}

export function validateForm(form: TaskForm, values: Record<string, unknown>): string[] {
  switch (form.kind) {
    case 'formjs':
      return validateFormJsValues(form.schema, values);
    case 'generated':
      return validateFormValues(form.fields, values);
    case 'variables':
      return [];
    default: {
      const unreachable: never = form;
      return unreachable;
    }
  }
}
