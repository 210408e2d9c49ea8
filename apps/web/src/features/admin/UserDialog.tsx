import { useState } from 'react';
import type { Role, User } from '@baton/shared';
import { Dialog } from '../../components/Dialog';

export const ROLES: { id: Role; hint: string }[] = [
  { id: 'admin', hint: 'everything, including users' },
  { id: 'designer', hint: 'model and deploy' },
  { id: 'operator', hint: 'monitor, cancel, retry; sees all tasks' },
  { id: 'worker', hint: 'work on tasks' },
];

export interface UserDraft {
  username: string;
  displayName: string;
  password: string;
  groups: string[];
  roles: Role[];
}

/** "reviewers, sales ,, ops" -> ["reviewers", "sales", "ops"] */
export const parseGroups = (text: string) => [...new Set(text.split(',').map((g) => g.trim()).filter(Boolean))];

interface UserDialogProps {
  open: boolean;
  /** undefined = a new user */
  user?: User;
  knownGroups: string[];
  error?: string | null;
  busy: boolean;
  onClose: () => void;
  onSave: (draft: UserDraft) => void;
}

/** Create a user, or edit a user's display name, groups and roles. */
export function UserDialog({ open, user, knownGroups, error, busy, onClose, onSave }: UserDialogProps) {
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.displayName ?? '');
  const [password, setPassword] = useState('');
  const [groups, setGroups] = useState((user?.groups ?? []).join(', '));
  const [roles, setRoles] = useState<Role[]>(user?.roles ?? ['worker']);
  return (
    <Dialog open={open} title={user ? `Edit ${user.username}` : 'New user'} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSave({ username: username.trim(), displayName: displayName.trim(), password, groups: parseGroups(groups), roles });
        }}
      >
        {!user && (
          <label>
            Username
            <input value={username} onChange={(e) => setUsername(e.target.value)} required maxLength={64} pattern="[a-zA-Z0-9._@\-]+" autoFocus />
          </label>
        )}
        <label>
          Display name
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} maxLength={200} />
        </label>
        {!user && (
          <label>
            Password
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} autoComplete="new-password" />
          </label>
        )}
        <label>
          Groups (comma-separated)
          <input value={groups} onChange={(e) => setGroups(e.target.value)} list="known-groups" />
          <datalist id="known-groups">
            {knownGroups.map((g) => (
              <option key={g} value={g} />
            ))}
          </datalist>
        </label>
        <fieldset>
          <legend>Roles</legend>
          {ROLES.map((r) => (
            <label key={r.id} className="checkbox">
              <input type="checkbox" checked={roles.includes(r.id)} onChange={(e) => setRoles(e.target.checked ? [...roles, r.id] : roles.filter((x) => x !== r.id))} />
              {r.id} <span className="muted">— {r.hint}</span>
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="alert error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {user ? 'Save' : 'Create user'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
