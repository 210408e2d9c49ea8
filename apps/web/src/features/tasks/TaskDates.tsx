import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InboxTask } from '@baton/shared';
import { fromLocalInput, toLocalInput } from '../../components/inbox/format';
import { selectToastShown, useToastStore } from '../../components/toast-store';
import { errorMessage, useTRPC } from '../../trpc/trpc';

const PRIORITIES = [
  { value: 25, label: 'Low' },
  { value: 50, label: 'Medium' },
  { value: 75, label: 'High' },
  { value: 100, label: 'Critical' },
];

/** Due date, follow-up date and priority of an open task, edited together. */
export function TaskDates({ task, canEdit }: { task: InboxTask; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToastStore(selectToastShown);
  const [due, setDue] = useState(toLocalInput(task.dueAt));
  const [followUp, setFollowUp] = useState(toLocalInput(task.followUpAt));
  const [priority, setPriority] = useState(task.priority);
  const update = useMutation(
    trpc.tasks.update.mutationOptions({
      onSuccess: () => {
        toast('success', 'Saved dates and priority');
        void queryClient.invalidateQueries(trpc.tasks.pathFilter());
      },
      onError: (e) => toast('error', errorMessage(e)),
    }),
  );
  const changed = due !== toLocalInput(task.dueAt) || followUp !== toLocalInput(task.followUpAt) || priority !== task.priority;
  const disabled = !canEdit || task.status !== 'open';
  const options = PRIORITIES.some((p) => p.value === priority) ? PRIORITIES : [...PRIORITIES, { value: priority, label: `Custom (${priority})` }].sort((a, b) => a.value - b.value);
  return (
    <form
      className="task-dates toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ id: task.id, dueAt: fromLocalInput(due), followUpAt: fromLocalInput(followUp), priority });
      }}
    >
      <label>
        Due date
        <input type="datetime-local" value={due} disabled={disabled} onChange={(e) => setDue(e.target.value)} />
      </label>
      <label>
        Follow-up date
        <input type="datetime-local" value={followUp} disabled={disabled} onChange={(e) => setFollowUp(e.target.value)} />
      </label>
      <label>
        Priority
        <select value={priority} disabled={disabled} onChange={(e) => setPriority(Number(e.target.value))}>
          {options.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {!disabled && (
        <button type="submit" disabled={!changed || update.isPending}>
          Save dates
        </button>
      )}
    </form>
  );
}
