import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InboxTask, TaskForm } from '@baton/shared';
import { ProcessForm, type ProcessFormState } from '../../components/inbox/ProcessForm';
import { selectToastShown, useToastStore } from '../../components/toast-store';
import { errorMessage, useTRPC } from '../../trpc/trpc';

interface TaskFormTabProps {
  task: InboxTask & { variables: Record<string, unknown>; form: TaskForm };
  me: string;
  staff: boolean;
  search: string;
}

/** why Complete is disabled, in words; null when it is enabled */
function blocker(task: InboxTaskLike, me: string, staff: boolean, valid: boolean): string | null {
  if (task.status !== 'open') return `This task is ${task.status}.`;
  if (task.delegationState === 'pending') return task.assignee === me ? 'Resolve the task to hand it back to its owner, who completes it.' : `Delegated to ${task.assignee}; waiting for them to resolve it.`;
  if (!task.assignee) return 'Claim the task to complete it.';
  if (task.assignee !== me && !staff) return `Assigned to ${task.assignee}.`;
  if (!valid) return 'Fill in the form: some fields are missing or invalid.';
  return null;
}
type InboxTaskLike = Pick<InboxTask, 'status' | 'assignee' | 'delegationState'>;

/**
 * The form and Complete. The form is built once per task from the variables as they were when the
 * task opened, so live refreshes never wipe what the user is typing. After completing, the next task
 * of the same instance for me opens, if there is one.
 */
export function TaskFormTab({ task, me, staff, search }: TaskFormTabProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToastStore(selectToastShown);
  const [variables] = useState(task.variables);
  const [form] = useState(task.form);
  const [state, setState] = useState<ProcessFormState>({ values: {}, valid: false });
  const [attempted, setAttempted] = useState(false);
  const complete = useMutation(trpc.tasks.complete.mutationOptions());
  const why = blocker(task, me, staff, state.valid);
  const mineToDo = task.status === 'open' && (task.assignee === me || staff) && task.delegationState !== 'pending';

  async function submit() {
    setAttempted(true);
    if (why) return;
    try {
      const result = await complete.mutateAsync({ id: task.id, variables: state.values });
      toast('success', `Completed "${task.name}"`);
      await queryClient.invalidateQueries(trpc.tasks.pathFilter());
      void navigate(result.nextTaskId ? `/tasks/${result.nextTaskId}${search}` : `/tasks${search}`);
    } catch (error) {
      toast('error', errorMessage(error));
    }
  }

  return (
    <form
      className="task-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {form.kind === 'variables' && <p className="muted">This task has no form: review the variables, change or add what the process needs, then complete.</p>}
      <ProcessForm form={form} variables={variables} showAllErrors={attempted} disabled={!mineToDo} onState={setState} />
      {complete.isError && (
        <p className="alert error" role="alert">
          {errorMessage(complete.error)}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={!!why || complete.isPending} aria-describedby="complete-hint">
          {complete.isPending ? 'Completing…' : 'Complete'}
        </button>
        <span id="complete-hint" className="muted">
          {why ?? ''}
        </span>
      </div>
    </form>
  );
}
