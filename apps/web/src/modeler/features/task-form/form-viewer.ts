/**
 * The inbox's form-js viewer behind a small React-facing facade (form-js stays inside modeler/).
 * Values are bound to process variables: the form is imported with the instance's variables as data,
 * every change reports the current values and whether they validate, and `submit()` runs form-js's
 * own validation so its messages show beside the fields. The bpmn.io watermark stays visible.
 */
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';

export interface FormViewerState {
  values: Record<string, unknown>;
  /** field key -> messages; empty when the form validates */
  errors: Record<string, string[]>;
}

export interface FormViewerHandle {
  /** validates, shows messages in the form, and returns the state */
  submit(): FormViewerState;
  destroy(): void;
}

export async function mountFormViewer(
  container: HTMLElement,
  schema: Record<string, unknown>,
  data: Record<string, unknown>,
  onChange: (state: FormViewerState) => void,
): Promise<FormViewerHandle> {
  const { Form } = await import('@bpmn-io/form-js-viewer');
  const form = new Form({ container });
  await form.importSchema(schema as never, data);
  // validate() shows messages on untouched fields too: compute validity, then put back the messages
  // form-js showed by itself; its state changes emit "changed" again, hence the guard
  let computing = false;
  const current = (): FormViewerState => {
    computing = true;
    try {
      const before = form._getState() as { errors: Record<string, string[]> };
      const errors = form.validate() as Record<string, string[]>;
      form._setState({ errors: before.errors });
      const state = form._getState() as { data: Record<string, unknown> };
      return { values: { ...state.data }, errors };
    } finally {
      computing = false;
    }
  };
  form.on('changed', () => {
    if (!computing) onChange(current());
  });
  onChange(current());
  return {
    submit() {
      const result = form.submit() as { data: Record<string, unknown>; errors: Record<string, string[]> };
      return { values: result.data, errors: result.errors };
    },
    destroy: () => form.destroy(),
  };
}
