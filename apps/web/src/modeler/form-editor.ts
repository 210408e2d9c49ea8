/**
 * form-js editor and preview behind a tiny interface, loaded on demand (form-js is large).
 * The form-js editor keeps its own bpmn.io watermark visible.
 */
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
import type { FormSchema } from './features/forms/form-schema';

export interface FormEditorHandle {
  getSchema(): FormSchema;
  destroy(): void;
}

export async function mountFormEditor(container: HTMLElement, schema: FormSchema): Promise<FormEditorHandle> {
  const { createFormEditor } = await import('@bpmn-io/form-js-editor');
  const editor = await createFormEditor({ container, schema: schema as never });
  return {
    getSchema: () => editor.saveSchema() as FormSchema,
    destroy: () => editor.destroy(),
  };
}

export async function mountFormPreview(container: HTMLElement, schema: FormSchema): Promise<{ destroy(): void }> {
  const { createForm } = await import('@bpmn-io/form-js-viewer');
  const form = await createForm({ container, schema: schema as never });
  return { destroy: () => form.destroy() };
}
