import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Dialog } from '../../components/Dialog';
import { errorMessage, useTRPC } from '../../trpc/trpc';
import { checkVariablesJson } from './variables-json';

interface StartInstanceDialogProps {
  open: boolean;
  processKey: string;
  version?: number;
  onClose: () => void;
}

/** Start an instance of the deployed definition and go to its live page. */
export function StartInstanceDialog({ open, processKey, version, onClose }: StartInstanceDialogProps) {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [variables, setVariables] = useState('{\n  \n}');
  const [businessKey, setBusinessKey] = useState('');
  const start = useMutation(trpc.instances.start.mutationOptions());
  const check = checkVariablesJson(variables);

  async function submit() {
    if (!check.ok) return;
    const result = await start.mutateAsync({
      key: processKey,
      ...(version ? { version } : {}),
      ...(check.value && Object.keys(check.value).length ? { variables: check.value } : {}),
      ...(businessKey.trim() ? { businessKey: businessKey.trim() } : {}),
    });
    onClose();
    void navigate(`/instances/${result.id}`);
  }

  return (
    <Dialog open={open} title={`Start instance of ${processKey}${version ? ` v${version}` : ''}`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit().catch(() => undefined);
        }}
      >
        <label>
          Variables (JSON)
          <textarea
            rows={8}
            value={variables}
            onChange={(e) => setVariables(e.target.value)}
            aria-invalid={!check.ok}
            aria-describedby="variables-error"
            spellCheck={false}
          />
        </label>
        <div id="variables-error" className="field-error" role="status">
          {!check.ok ? check.error : ''}
        </div>
        <label>
          Business key (optional)
          <input value={businessKey} onChange={(e) => setBusinessKey(e.target.value)} maxLength={200} />
        </label>
        {start.error && (
          <div className="alert error" role="alert">
            Could not start: {errorMessage(start.error)}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!check.ok || start.isPending}>
            {start.isPending ? 'Starting…' : 'Start'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
