import { useEffect, useRef } from 'react';
import { mountFormViewer, type FormViewerHandle, type FormViewerState } from '../../modeler/features/task-form/form-viewer';

interface FormJsFormProps {
  schema: Record<string, unknown>;
  data: Record<string, unknown>;
  onChange: (state: FormViewerState) => void;
  /** receives the handle so the parent can `submit()` (show all messages) before completing */
  onReady?: (handle: FormViewerHandle | null) => void;
}

/** A linked form-js form (rendered by the modeler's form viewer facade), values bound to variables. */
export function FormJsForm({ schema, data, onChange, onReady }: FormJsFormProps) {
  const ref = useRef<HTMLDivElement>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const readyRef = useRef(onReady);
  readyRef.current = onReady;
  useEffect(() => {
    let handle: FormViewerHandle | undefined;
    let cancelled = false;
    if (!ref.current) return;
    void mountFormViewer(ref.current, schema, data, (state) => changeRef.current(state)).then((h) => {
      if (cancelled) h.destroy();
      else {
        handle = h;
        readyRef.current?.(h);
      }
    });
    return () => {
      cancelled = true;
      readyRef.current?.(null);
      handle?.destroy();
    };
    // the form is rebuilt only when the schema or the task's data identity changes
  }, [schema, data]);
  return <div className="formjs-container" ref={ref} data-testid="formjs-form" />;
}
