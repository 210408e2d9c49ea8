import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskQuery } from '@baton/shared';
import { Dialog } from '../../components/Dialog';
import { selectToastShown, useToastStore } from '../../components/toast-store';
import { errorMessage, useTRPC } from '../../trpc/trpc';

interface SavedFiltersProps {
  query: TaskQuery;
  username: string;
  groups: string[];
  onApply: (query: TaskQuery) => void;
}

/** Saved filters on the server: apply one, save the current queue + filters, share with a group. */
export function SavedFilters({ query, username, groups, onApply }: SavedFiltersProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToastStore(selectToastShown);
  const filters = useQuery(trpc.filters.list.queryOptions());
  const [selected, setSelected] = useState('');
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [share, setShare] = useState('');
  const refresh = () => queryClient.invalidateQueries(trpc.filters.list.queryFilter());
  const save = useMutation(trpc.filters.save.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.filters.remove.mutationOptions({ onSuccess: refresh }));
  const items = filters.data?.items ?? [];
  const current = items.find((f) => f.id === selected);

  return (
    <div className="saved-filters toolbar">
      <label>
        Saved filter
        <select
          value={selected}
          onChange={(e) => {
            setSelected(e.target.value);
            const f = items.find((x) => x.id === e.target.value);
            if (f) onApply(f.query);
          }}
        >
          <option value="">{items.length ? '— choose —' : 'none saved yet'}</option>
          {items.map((f) => (
            <option key={f.id} value={f.id}>
              {f.name}
              {f.owner !== username ? ` (shared by ${f.owner})` : f.sharedWithGroup ? ` (shared with ${f.sharedWithGroup})` : ''}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => setSaving(true)}>
        Save filter…
      </button>
      {current && current.owner === username && (
        <button
          type="button"
          className="danger"
          onClick={() =>
            remove.mutate(
              { id: current.id },
              {
                onSuccess: () => {
                  setSelected('');
                  toast('success', `Removed filter "${current.name}"`);
                },
                onError: (e) => toast('error', errorMessage(e)),
              },
            )
          }
        >
          Delete filter
        </button>
      )}
      <Dialog open={saving} title="Save filter" onClose={() => setSaving(false)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              { name: name.trim(), query, sharedWithGroup: share || null },
              {
                onSuccess: (f) => {
                  setSaving(false);
                  setName('');
                  setSelected(f.id);
                  toast('success', `Saved filter "${f.name}"${f.sharedWithGroup ? ` — shared with ${f.sharedWithGroup}` : ''}`);
                },
              },
            );
          }}
        >
          <label>
            Filter name
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} autoFocus />
          </label>
          <label>
            Share with group
            <select value={share} onChange={(e) => setShare(e.target.value)}>
              <option value="">Only me</option>
              {groups.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </label>
          {save.isError && (
            <p className="alert error" role="alert">
              {errorMessage(save.error)}
            </p>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => setSaving(false)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={!name.trim() || save.isPending}>
              Save
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
