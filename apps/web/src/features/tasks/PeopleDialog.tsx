import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Dialog } from '../../components/Dialog';
import { useTRPC } from '../../trpc/trpc';

interface PeopleDialogProps {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** people not offered (e.g. yourself when delegating) */
  exclude?: string[];
  onClose: () => void;
  onPick: (username: string) => void;
}

/** Choose a user to assign or delegate a task to (from users.directory). */
export function PeopleDialog({ open, title, confirmLabel, exclude = [], onClose, onPick }: PeopleDialogProps) {
  const trpc = useTRPC();
  const people = useQuery({ ...trpc.users.directory.queryOptions(), enabled: open });
  const [username, setUsername] = useState('');
  const options = (people.data?.items ?? []).filter((p) => !exclude.includes(p.username));
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (username) onPick(username);
        }}
      >
        <label>
          User
          <select value={username} onChange={(e) => setUsername(e.target.value)} required>
            <option value="">— choose a person —</option>
            {options.map((p) => (
              <option key={p.username} value={p.username}>
                {p.displayName !== p.username ? `${p.displayName} (${p.username})` : p.username}
                {p.groups.length ? ` — ${p.groups.join(', ')}` : ''}
              </option>
            ))}
          </select>
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!username}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
