import { useMemo, useRef, useState, type DragEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DiagramSummary } from '@baton/shared';
import { errorMessage, useTRPC, useTRPCClient } from '../../trpc/trpc';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { selectToastShown, useToastStore } from '../../components/toast-store';
import { newDiagramXml } from '../../modeler/new-diagram';
import { formatWhen, listItems } from './list-items';
import { useDiagramImport } from './use-diagram-import';
import './diagrams.css';

export default function DiagramsPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const toast = useToastStore(selectToastShown);
  const list = useQuery(trpc.diagrams.list.queryOptions());
  const save = useMutation(trpc.diagrams.save.mutationOptions());
  const remove = useMutation(trpc.diagrams.remove.mutationOptions());
  const { importFile, error: importError, busy: importing, clearError } = useDiagramImport();

  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const [newName, setNewName] = useState('New diagram');
  const [renaming, setRenaming] = useState<DiagramSummary | null>(null);
  const [renameTo, setRenameTo] = useState('');
  const [deleting, setDeleting] = useState<DiagramSummary | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const items = listItems<DiagramSummary>(list.data);
  const visible = useMemo(() => {
    const q = search.trim().toLowerCase();
    const sorted = [...items].sort((a, b) => (b.updatedAt ?? '').localeCompare(a.updatedAt ?? ''));
    return q ? sorted.filter((d) => d.name.toLowerCase().includes(q) || (d.processKey ?? '').toLowerCase().includes(q)) : sorted;
  }, [items, search]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.diagrams.list.queryKey() });

  async function create() {
    const name = newName.trim() || 'New diagram';
    try {
      const saved = await save.mutateAsync({ name, xml: newDiagramXml(name) });
      setCreating(false);
      await refresh();
      void navigate(`/diagrams/${saved.id}`);
    } catch (e) {
      setActionError(`Could not create the diagram: ${errorMessage(e)}`);
    }
  }

  async function rename() {
    if (!renaming) return;
    const name = renameTo.trim();
    if (!name) return;
    try {
      // Renaming saves a new revision with the same XML; a concurrent edit is a CONFLICT, never lost.
      const current = await client.diagrams.get.query({ id: renaming.id });
      await save.mutateAsync({ id: renaming.id, name, xml: current.xml, revision: current.revision });
      toast('success', `Renamed to “${name}”`);
      setRenaming(null);
      await refresh();
    } catch (e) {
      setActionError(`Could not rename “${renaming.name}”: ${errorMessage(e)}`);
      setRenaming(null);
    }
  }

  async function confirmDelete() {
    if (!deleting) return;
    const target = deleting;
    setDeleting(null);
    try {
      await remove.mutateAsync({ id: target.id });
      toast('success', `Deleted “${target.name}”`);
      await refresh();
    } catch (e) {
      setActionError(`Could not delete “${target.name}”: ${errorMessage(e)}`);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setDragOver(false);
    const file = e.dataTransfer.files?.[0];
    if (file) void importFile(file);
  }

  return (
    <div
      className={`page diagrams-page ${dragOver ? 'drag-over' : ''}`}
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) {
          e.preventDefault();
          setDragOver(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragOver(false);
      }}
      onDrop={onDrop}
      data-testid="diagrams-drop-zone"
    >
      <div className="toolbar page-header">
        <h1>Diagrams</h1>
        <span className="spacer" />
        <label className="search">
          <span className="visually-hidden">Search diagrams</span>
          <input type="search" placeholder="Search by name or process id" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Search diagrams" />
        </label>
        <button type="button" onClick={() => fileInput.current?.click()} disabled={importing}>
          {importing ? 'Importing…' : 'Import .bpmn'}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".bpmn,.xml,.bpmn2"
          hidden
          aria-label="Import BPMN file"
          data-testid="import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void importFile(file);
          }}
        />
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New diagram
        </button>
      </div>

      {(importError || actionError) && (
        <div className="alert error" role="alert">
          {importError ?? actionError}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              clearError();
              setActionError(null);
            }}
          >
            Dismiss
          </button>
        </div>
      )}

      {list.isPending && <p role="status">Loading diagrams…</p>}
      {list.error && (
        <div className="alert error" role="alert">
          Could not load diagrams: {errorMessage(list.error)} <button type="button" onClick={() => void list.refetch()}>Retry</button>
        </div>
      )}

      {list.isSuccess && items.length === 0 && (
        <div className="empty-state">
          <p>No diagrams yet — create a <strong>New diagram</strong> or <strong>Import a .bpmn file</strong> (you can also drop it here).</p>
        </div>
      )}
      {list.isSuccess && items.length > 0 && visible.length === 0 && <p className="muted">No diagram matches “{search}”.</p>}

      {visible.length > 0 && (
        <table className="data" aria-label="Diagrams">
          <thead>
            <tr>
              <th>Name</th>
              <th>Process id</th>
              <th>Last saved</th>
              <th>Saved by</th>
              <th>Deployed</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/diagrams/${d.id}`}>{d.name}</Link>
                </td>
                <td className="muted mono">{d.processKey ?? '—'}</td>
                <td>{formatWhen(d.updatedAt)}</td>
                <td>{d.updatedBy ?? '—'}</td>
                <td>{d.deployedVersion ? (d.processKey ? <Link to={`/processes/${encodeURIComponent(d.processKey)}`}>v{d.deployedVersion}</Link> : `v${d.deployedVersion}`) : <span className="muted">not deployed</span>}</td>
                <td className="row-actions">
                  <button
                    type="button"
                    aria-label={`Rename ${d.name}`}
                    onClick={() => {
                      setRenaming(d);
                      setRenameTo(d.name);
                    }}
                  >
                    Rename
                  </button>
                  <button type="button" className="danger" aria-label={`Delete ${d.name}`} onClick={() => setDeleting(d)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dragOver && <div className="drop-hint" aria-hidden="true">Drop a .bpmn file to import it</div>}

      <Dialog open={creating} title="New diagram" onClose={() => setCreating(false)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <label>
            Name
            <input value={newName} onChange={(e) => setNewName(e.target.value)} autoFocus maxLength={200} required />
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={() => setCreating(false)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={save.isPending}>
              Create
            </button>
          </div>
        </form>
      </Dialog>

      <Dialog open={!!renaming} title="Rename diagram" onClose={() => setRenaming(null)}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void rename();
          }}
        >
          <label>
            New name
            <input value={renameTo} onChange={(e) => setRenameTo(e.target.value)} autoFocus maxLength={200} required />
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={() => setRenaming(null)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={save.isPending || !renameTo.trim()}>
              Rename
            </button>
          </div>
        </form>
      </Dialog>

      <ConfirmDialog
        open={!!deleting}
        title="Delete diagram"
        message={`Delete “${deleting?.name ?? ''}”? The draft is removed; deployed versions keep running.`}
        confirmLabel="Delete"
        danger
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
