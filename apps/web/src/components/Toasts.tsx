import { selectToastDismissed, selectToasts, useToastStore } from './toast-store';

/** Renders toasts in a polite live region so screen readers announce them. */
export function Toasts() {
  const toasts = useToastStore(selectToasts);
  const dismiss = useToastStore(selectToastDismissed);
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast ${t.kind}`} data-testid="toast">
          <span className="spacer">{t.message}</span>
          <button type="button" className="link" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
