import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import type { FormSchema } from '../../modeler/features/forms/form-schema';
import { describeForm } from '../../modeler/features/forms/form-schema';
import type { FormEditorHandle } from '../../modeler/form-editor';

interface FormDialogProps {
  open: boolean;
  elementName: string;
  linked: { formId: string; schema: FormSchema | null } | null;
  initialSchema: FormSchema;
  onSave: (schema: FormSchema) => void;
  onUnlink: () => void;
  onClose: () => void;
}

/** form-js editor for the selected user task / start event; "Unlink" removes the form link. */
export function FormDialog({ open, elementName, linked, initialSchema, onSave, onUnlink, onClose }: FormDialogProps) {
  const host = useRef<HTMLDivElement>(null);
  const handle = useRef<FormEditorHandle | null>(null);
  const [error, setError] = useState<string | null>(null);
  const schema = linked?.schema ?? initialSchema;

  useEffect(() => {
    if (!open || !host.current) return;
    let cancelled = false;
    const container = host.current;
    void import('../../modeler/form-editor')
      .then(({ mountFormEditor }) => mountFormEditor(container, schema))
      .then((h) => {
        if (cancelled) h.destroy();
        else handle.current = h;
      })
      .catch((e) => setError(`The form editor could not open: ${e instanceof Error ? e.message : String(e)}`));
    return () => {
      cancelled = true;
      handle.current?.destroy();
      handle.current = null;
    };
    // The schema is read once per opening; edits live in the form editor until saved.
  }, [open]);

  return (
    <Dialog open={open} title={`Form for ${elementName}`} onClose={onClose} className="wide">
      {linked && (
        <p className="muted">
          Linked form <code>{linked.formId}</code>
          {linked.schema ? ` — ${describeForm(linked.schema)}` : ' — not embedded in this diagram (deployed elsewhere?)'}
        </p>
      )}
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <div ref={host} className="form-editor-host" data-testid="form-editor" />
      <div className="dialog-actions">
        {linked && (
          <button type="button" className="danger" onClick={onUnlink}>
            Unlink
          </button>
        )}
        <span className="spacer" />
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => {
            if (handle.current) onSave(handle.current.getSchema());
          }}
        >
          {linked ? 'Save form' : 'Create and link form'}
        </button>
      </div>
    </Dialog>
  );
}
