import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StartableProcess } from '@baton/shared';
import { Dialog } from '../../components/Dialog';
import { ProcessForm, type ProcessFormState } from '../../components/inbox/ProcessForm';
import { selectToastShown, useToastStore } from '../../components/toast-store';
import { errorMessage, useTRPC } from '../../trpc/trpc';

interface StartProcessDialogProps {
  open: boolean;
  onClose: () => void;
  /** called with my first task of the new instance, if there is one */
  onStarted: (taskId: string | null) => void;
}

const EMPTY_VARIABLES = {};

/** Start a process from the inbox: pick one of the latest versions I may start, fill its start form. */
export function StartProcessDialog({ open, onClose, onStarted }: StartProcessDialogProps) {
  const trpc = useTRPC();
  const processes = useQuery({ ...trpc.tasks.startable.queryOptions(), enabled: open });
  const [chosen, setChosen] = useState<StartableProcess | null>(null);
  const close = () => {
    setChosen(null);
    onClose();
  };
  return (
    <Dialog open={open} title={chosen ? `Start ${chosen.name}` : 'Start a process'} onClose={close}>
      {!chosen && (
        <>
          {processes.isPending && <p className="muted">Loading processes…</p>}
          {processes.isError && <p className="alert error">{errorMessage(processes.error)}</p>}
          {processes.data && processes.data.items.length === 0 && <p className="muted">No process can be started by hand yet. Deploy a process with a plain start event from the modeler (Diagrams).</p>}
          <ul className="start-list" aria-label="Startable processes">
            {processes.data?.items.map((p) => (
              <li key={p.key}>
                <button type="button" onClick={() => setChosen(p)} aria-label={`${p.name} v${p.version}`}>
                  {p.name} <span className="muted">v{p.version} · {p.key}</span>
                </button>
              </li>
            ))}
          </ul>
          <div className="dialog-actions">
            <button type="button" onClick={close}>
              Cancel
            </button>
          </div>
        </>
      )}
      {chosen && <StartForm key={chosen.key} process={chosen} onBack={() => setChosen(null)} onDone={(taskId) => {
            close();
            onStarted(taskId);
          }} />}
    </Dialog>
  );
}

function StartForm({ process, onBack, onDone }: { process: StartableProcess; onBack: () => void; onDone: (taskId: string | null) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToastStore(selectToastShown);
  const [state, setState] = useState<ProcessFormState>({ values: {}, valid: false });
  const [attempted, setAttempted] = useState(false);
  const [businessKey, setBusinessKey] = useState('');
  const start = useMutation(trpc.tasks.start.mutationOptions());
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setAttempted(true);
        if (!state.valid) return;
        start.mutate(
          { key: process.key, variables: state.values, ...(businessKey.trim() ? { businessKey: businessKey.trim() } : {}) },
          {
            onSuccess: (r) => {
              toast('success', `Started ${process.name} v${process.version}`);
              void queryClient.invalidateQueries(trpc.tasks.pathFilter());
              onDone(r.nextTaskId);
            },
          },
        );
      }}
    >
      <ProcessForm form={process.form} variables={EMPTY_VARIABLES} showAllErrors={attempted} onState={setState} />
      <label>
        Business key (optional)
        <input value={businessKey} onChange={(e) => setBusinessKey(e.target.value)} maxLength={200} />
      </label>
      {start.isError && (
        <p className="alert error" role="alert">
          {errorMessage(start.error)}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="primary" disabled={start.isPending || (attempted && !state.valid)}>
          Start
        </button>
      </div>
    </form>
  );
}
