/**
 * Server-side validation of submitted values against camunda:formData fields: the same rules the
 * browser form applies, so a crafted request cannot put a wrong type into the instance.
 */
import type { FormField } from '@baton/shared';

export function validateFormValues(fields: FormField[], values: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const field of fields) {
    const value = values[field.id];
    if (value === undefined || value === null || value === '') {
      if (field.required) problems.push(`"${field.label}" (${field.id}) is required`);
      continue;
    }
    switch (field.type) {
      case 'long':
        if (typeof value !== 'number' || !Number.isInteger(value)) problems.push(`"${field.label}" (${field.id}) must be a whole number`);
        break;
      case 'boolean':
        if (typeof value !== 'boolean') problems.push(`"${field.label}" (${field.id}) must be true or false`);
        break;
      case 'date':
        if (typeof value !== 'string' || Number.isNaN(new Date(value).getTime())) problems.push(`"${field.label}" (${field.id}) must be a date`);
        break;
      case 'enum':
        if (!field.values?.some((v) => v.id === value)) problems.push(`"${field.label}" (${field.id}) must be one of ${field.values?.map((v) => v.id).join(', ')}`);
        break;
      case 'string':
        if (typeof value !== 'string') problems.push(`"${field.label}" (${field.id}) must be text`);
        break;
      default:
        break;
    }
  }
  return problems;
}
