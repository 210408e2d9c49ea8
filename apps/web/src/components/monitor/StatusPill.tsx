/** An instance status as a coloured pill (running, completed, failed, cancelled). */
export function StatusPill({ status }: { status: string }) {
  return (
    <span className={`status-pill status-${status}`} data-testid="status-pill">
      {status}
    </span>
  );
}
