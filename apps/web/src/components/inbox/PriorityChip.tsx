import { priorityLabel } from '@baton/shared';

/** Low / Medium / High / Critical, from the task's numeric priority (0–100, 50 is the default). */
export function PriorityChip({ priority }: { priority: number }) {
  const label = priorityLabel(priority);
  return (
    <span className={`priority-chip priority-${label.toLowerCase()}`} title={`Priority ${priority}`}>
      {label}
    </span>
  );
}
