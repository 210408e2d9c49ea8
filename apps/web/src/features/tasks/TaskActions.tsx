import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { InboxTask } from '@baton/shared';
import { selectToastShown, useToastStore } from '../../components/toast-store';
import { errorMessage, useTRPC } from '../../trpc/trpc';
import { PeopleDialog } from './PeopleDialog';

/** Claim / Unclaim / Assign to… / Delegate / Resolve, offered only when they apply to me. */
export function TaskActions({ task, me, staff }: { task: InboxTask; me: string; staff: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToastStore(selectToastShown);
  const [dialog, setDialog] = useState<'assign' | 'delegate' | null>(null);
  const options = (done: string) => ({
    onSuccess: () => {
      toast('success', done);
      setDialog(null);
      void queryClient.invalidateQueries(trpc.tasks.pathFilter());
    },
    onError: (e: unknown) => toast('error', errorMessage(e)),
  });
  const claim = useMutation(trpc.tasks.claim.mutationOptions(options(`Claimed "${task.name}"`)));
  const unclaim = useMutation(trpc.tasks.unclaim.mutationOptions(options(`Unclaimed "${task.name}"`)));
  const assign = useMutation(trpc.tasks.assign.mutationOptions(options(`Assigned "${task.name}"`)));
  const delegate = useMutation(trpc.tasks.delegate.mutationOptions(options(`Delegated "${task.name}"`)));
  const resolve = useMutation(trpc.tasks.resolve.mutationOptions(options(`Resolved "${task.name}" — it is back with ${task.owner}`)));
  if (task.status !== 'open') return null;
  const mine = task.assignee === me;
  const pending = task.delegationState === 'pending';
  const busy = claim.isPending || unclaim.isPending || assign.isPending || delegate.isPending || resolve.isPending;
  return (
    <div className="toolbar task-actions">
      {!task.assignee && (
        <button type="button" className="primary" disabled={busy} onClick={() => claim.mutate({ id: task.id })}>
          Claim
        </button>
      )}
      {mine && !pending && (
        <button type="button" disabled={busy} onClick={() => unclaim.mutate({ id: task.id })}>
          Unclaim
        </button>
      )}
      {(!task.assignee || mine || staff) && !pending && (
        <button type="button" disabled={busy} onClick={() => setDialog('assign')}>
          Assign to…
        </button>
      )}
      {(mine || staff) && (
        <button type="button" disabled={busy} onClick={() => setDialog('delegate')}>
          Delegate…
        </button>
      )}
      {pending && (mine || staff) && (
        <button type="button" className="primary" disabled={busy} onClick={() => resolve.mutate({ id: task.id })}>
          Resolve
        </button>
      )}
      <PeopleDialog open={dialog === 'assign'} title={`Assign "${task.name}"`} confirmLabel="Assign" onClose={() => setDialog(null)} onPick={(assignee) => assign.mutate({ id: task.id, assignee })} />
      <PeopleDialog
        open={dialog === 'delegate'}
        title={`Delegate "${task.name}"`}
        confirmLabel="Delegate"
        exclude={[me]}
        onClose={() => setDialog(null)}
        onPick={(to) => delegate.mutate({ id: task.id, to })}
      />
    </div>
  );
}
