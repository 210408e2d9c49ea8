/**
 * /admin — users and groups: create users, edit their groups and roles, reset a password, disable or
 * enable an account (a disabled user's sessions stop working at once). Groups are the names users
 * carry; the groups table shows who is in each.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { User } from '@baton/shared';
import { Dialog } from '../../components/Dialog';
import { selectToastShown, useToastStore } from '../../components/toast-store';
import { useSessionUser } from '../../stores/session-user';
import { errorCode, errorMessage, useTRPC } from '../../trpc/trpc';
import { UserDialog, type UserDraft } from './UserDialog';

export default function AdminPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToastStore(selectToastShown);
  const { user: me } = useSessionUser();
  const users = useQuery(trpc.users.list.queryOptions());
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [password, setPassword] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: refresh }));
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess: refresh }));

  if (users.isError) {
    return (
      <div className="page">
        <h1>Admin</h1>
        <p className="alert error" role="alert">
          {errorCode(users.error) === 'FORBIDDEN' ? 'Only admins manage users and groups. Ask an admin to change your roles.' : errorMessage(users.error)}
        </p>
      </div>
    );
  }
  const list = users.data ?? [];
  const groups = new Map<string, string[]>();
  for (const u of list) for (const g of u.groups) groups.set(g, [...(groups.get(g) ?? []), u.username]);
  const groupNames = [...groups.keys()].sort();

  const save = (draft: UserDraft) => {
    const done = (message: string) => () => {
      toast('success', message);
      setEditing(null);
    };
    if (editing === 'new') {
      create.mutate({ username: draft.username, password: draft.password, groups: draft.groups, roles: draft.roles, ...(draft.displayName ? { displayName: draft.displayName } : {}) }, { onSuccess: done(`Created ${draft.username}`) });
    } else if (editing) {
      update.mutate({ id: editing.id, displayName: draft.displayName || editing.username, groups: draft.groups, roles: draft.roles }, { onSuccess: done(`Saved ${editing.username}`) });
    }
  };
  const setDisabled = (u: User, disabled: boolean) =>
    update.mutate({ id: u.id, disabled }, { onSuccess: () => toast('success', `${disabled ? 'Disabled' : 'Enabled'} ${u.username}`), onError: (e) => toast('error', errorMessage(e)) });

  return (
    <div className="page">
      <div className="toolbar">
        <h1>Users and groups</h1>
        <span className="spacer" />
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          New user
        </button>
      </div>
      {users.isPending ? (
        <p className="muted">Loading users…</p>
      ) : (
        <table className="data" aria-label="Users">
          <thead>
            <tr>
              <th scope="col">Username</th>
              <th scope="col">Display name</th>
              <th scope="col">Groups</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{u.groups.join(', ') || <span className="muted">none</span>}</td>
                <td>{u.roles.join(', ')}</td>
                <td>{u.disabled ? <span className="field-error">disabled</span> : 'active'}</td>
                <td className="toolbar">
                  <button type="button" onClick={() => setEditing(u)} aria-label={`Edit ${u.username}`}>
                    Edit
                  </button>
                  <button type="button" onClick={() => setResetting(u)} aria-label={`Reset password of ${u.username}`}>
                    Reset password
                  </button>
                  {u.id !== me?.id &&
                    (u.disabled ? (
                      <button type="button" onClick={() => setDisabled(u, false)} aria-label={`Enable ${u.username}`}>
                        Enable
                      </button>
                    ) : (
                      <button type="button" className="danger" onClick={() => setDisabled(u, true)} aria-label={`Disable ${u.username}`}>
                        Disable
                      </button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 style={{ marginTop: 'var(--space-5)' }}>Groups</h2>
      {groupNames.length === 0 ? (
        <p className="muted">No groups yet. Groups are created by giving a user a group name (Edit → Groups); tasks name them in camunda:candidateGroups.</p>
      ) : (
        <table className="data" aria-label="Groups">
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Members</th>
            </tr>
          </thead>
          <tbody>
            {groupNames.map((g) => (
              <tr key={g}>
                <td>{g}</td>
                <td>{groups.get(g)!.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <UserDialog
          open
          user={editing === 'new' ? undefined : editing}
          knownGroups={groupNames}
          busy={create.isPending || update.isPending}
          error={editing === 'new' ? (create.error ? errorMessage(create.error) : null) : update.error ? errorMessage(update.error) : null}
          onClose={() => {
            setEditing(null);
            create.reset();
            update.reset();
          }}
          onSave={save}
        />
      )}
      <Dialog open={!!resetting} title={`Reset password of ${resetting?.username ?? ''}`} onClose={() => setResetting(null)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!resetting) return;
            update.mutate(
              { id: resetting.id, password },
              {
                onSuccess: () => {
                  toast('success', `New password set for ${resetting.username}`);
                  setResetting(null);
                  setPassword('');
                },
                onError: (err) => toast('error', errorMessage(err)),
              },
            );
          }}
        >
          <label>
            New password
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={8} autoComplete="new-password" />
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={() => setResetting(null)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={password.length < 8 || update.isPending}>
              Set password
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
