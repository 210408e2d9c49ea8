/** Pure helpers for form-js schemas linked from user tasks. */

export interface FormSchema {
  id?: string;
  type?: string;
  components?: Array<{ key?: string; label?: string; type?: string; [k: string]: unknown }>;
  [k: string]: unknown;
}

/** A fresh form for an element: one text field, schemaVersion left to form-js to fill in. */
export function emptyFormSchema(formId: string): FormSchema {
  return {
    id: formId,
    type: 'default',
    components: [],
  };
}

/** A form id derived from the element id; ids are NCName-safe so they can be XML attributes too. */
export function formIdFor(elementId: string): string {
  return `form-${elementId}`.replace(/[^\w.-]/g, '-');
}

export function parseFormBody(body: string | undefined): FormSchema | null {
  if (!body) return null;
  try {
    const schema = JSON.parse(body) as unknown;
    return schema && typeof schema === 'object' && !Array.isArray(schema) ? (schema as FormSchema) : null;
  } catch {
    return null;
  }
}

export function describeForm(schema: FormSchema): string {
  const fields = (schema.components ?? []).filter((c) => c.key);
  return fields.length === 0 ? 'no fields yet' : `${fields.length} field${fields.length === 1 ? '' : 's'}: ${fields.map((f) => f.label || f.key).join(', ')}`;
}
