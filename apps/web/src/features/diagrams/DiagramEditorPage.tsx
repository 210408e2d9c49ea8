/**
 * The editor screen: bpmn-js canvas + properties panel + Problems, with Save (revision-checked),
 * local draft autosave, Deploy (lint first), Start instance, Forms and Export.
 * Ordering that matters: a save sends the revision the user edited; the server answers CONFLICT when
 * someone saved in between, and we never retry with the newer revision on our own.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useBlocker, useLocation, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorCode, errorMessage, useTRPC, useTRPCClient } from '../../trpc/trpc';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { selectToastShown, useToastStore } from '../../components/toast-store';
import { DiagramImportError } from '../../modeler/baton-modeler';
import { describeNotDrawn, type NotDrawn } from '../../modeler/di-coverage';
import { downloadBlob, downloadText, fileBaseName, svgToPng } from '../../modeler/export-image';
import type { FormSchema } from '../../modeler/features/forms/form-schema';
import type { Problem } from '../../modeler/features/lint/problems';
import { clearDraft, loadDraft, saveDraft, type LocalDraft } from './draft-storage';
import { selectProblemsOpen, selectProblemsShown, selectProblemsToggled, useEditorUiStore } from './editor-ui-store';
import { ExportMenu } from './ExportMenu';
import { FormDialog } from './FormDialog';
import { ProblemsPanel } from './ProblemsPanel';
import { ShortcutsDialog } from './ShortcutsDialog';
import { StartInstanceDialog } from './StartInstanceDialog';
import { useBatonModeler } from './use-baton-modeler';
import './diagrams.css';

const AUTOSAVE_MS = 1000;

function isEditable(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export default function DiagramEditorPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const toast = useToastStore(selectToastShown);
  const problemsOpen = useEditorUiStore(selectProblemsOpen);
  const toggleProblems = useEditorUiStore(selectProblemsToggled);
  const showProblems = useEditorUiStore(selectProblemsShown);
  const { canvasRef, propertiesRef, modeler, dirty, setDirty, problems, selected, changeCount } = useBatonModeler();

  const diagram = useQuery(trpc.diagrams.get.queryOptions({ id }, { staleTime: Infinity, refetchOnWindowFocus: false, refetchOnMount: 'always' }));
  const save = useMutation(trpc.diagrams.save.mutationOptions());
  const deploy = useMutation(trpc.definitions.deploy.mutationOptions());

  const revision = useRef<number | null>(null);
  const [name, setName] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notDrawn, setNotDrawn] = useState<NotDrawn[]>([]);
  const [importNotes, setImportNotes] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [draftOffer, setDraftOffer] = useState<LocalDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const [deployState, setDeployState] = useState<{ key: string; version: number } | null>(null);
  const [deployBlocked, setDeployBlocked] = useState<string | null>(null);
  const [confirmWarnings, setConfirmWarnings] = useState<Problem[] | null>(null);
  const [startOpen, setStartOpen] = useState(false);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [formOpen, setFormOpen] = useState(false);
  const importedFor = useRef<string | null>(null);

  /** Shows server XML on the canvas; never clears the canvas when the XML cannot be imported. */
  const showXml = useCallback(
    async (xml: string) => {
      if (!modeler) return false;
      try {
        const result = await modeler.importXml(xml);
        setNotDrawn(result.notDrawn);
        setImportNotes(result.notes);
        setLoadError(null);
        setDirty(false);
        return true;
      } catch (e) {
        setLoadError(e instanceof DiagramImportError ? e.message : `The diagram could not be opened: ${errorMessage(e)}`);
        return false;
      }
    },
    [modeler, setDirty],
  );

  // First load (and after a reload): import the server XML, then offer a newer local draft.
  useEffect(() => {
    const data = diagram.data;
    if (!modeler || !data) return;
    const stamp = `${data.id}@${data.revision}`;
    if (importedFor.current === stamp) return;
    importedFor.current = stamp;
    revision.current = data.revision;
    setName(data.name);
    void showXml(data.xml).then(() => {
      const draft = loadDraft(id);
      if (draft && draft.xml !== data.xml) setDraftOffer(draft);
      else if (draft) clearDraft(id);
    });
  }, [modeler, diagram.data, id, showXml]);

  // Autosave a local draft shortly after each change.
  useEffect(() => {
    if (!modeler || changeCount === 0 || revision.current === null) return;
    const base = revision.current;
    const t = setTimeout(() => {
      void modeler.saveXml().then((xml) => saveDraft(id, { xml, baseRevision: base, savedAt: new Date().toISOString() }));
    }, AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [modeler, changeCount, id]);

  const doSave = useCallback(async (): Promise<boolean> => {
    if (!modeler || saving) return false;
    setSaving(true);
    try {
      const xml = await modeler.saveXml();
      const result = await save.mutateAsync({ id, name, xml, revision: revision.current ?? undefined });
      revision.current = result.revision;
      importedFor.current = `${id}@${result.revision}`;
      modeler.markSaved();
      setDirty(false);
      setConflict(null);
      clearDraft(id);
      void queryClient.invalidateQueries({ queryKey: trpc.diagrams.list.queryKey() });
      toast('success', `Saved “${name}” (revision ${result.revision})`);
      return true;
    } catch (e) {
      if (errorCode(e) === 'CONFLICT') {
        setConflict(errorMessage(e));
      } else {
        toast('error', `Save failed: ${errorMessage(e)}`, 10_000);
      }
      return false;
    } finally {
      setSaving(false);
    }
  }, [modeler, saving, save, id, name, setDirty, queryClient, trpc, toast]);

  async function reloadFromServer() {
    clearDraft(id);
    setConflict(null);
    const fresh = await client.diagrams.get.query({ id });
    queryClient.setQueryData(trpc.diagrams.get.queryKey({ id }), fresh);
    importedFor.current = `${fresh.id}@${fresh.revision}`;
    revision.current = fresh.revision;
    setName(fresh.name);
    if (await showXml(fresh.xml)) toast('info', `Reloaded revision ${fresh.revision} from the server`);
  }

  async function restoreDraft() {
    if (!draftOffer || !modeler) return;
    const draft = draftOffer;
    setDraftOffer(null);
    if (await showXml(draft.xml)) {
      setDirty(true);
      toast('info', 'Draft restored — save to keep it');
    }
  }

  async function startDeploy() {
    if (!modeler) return;
    setDeployBlocked(null);
    const found = await modeler.lint();
    const errors = found.filter((p) => p.severity === 'error');
    if (errors.length) {
      showProblems();
      setDeployBlocked(`Deploy blocked: ${errors.length} error${errors.length === 1 ? '' : 's'} — fix ${errors.length === 1 ? 'it' : 'them'} (see Problems) and deploy again.`);
      return;
    }
    const warnings = found.filter((p) => p.severity === 'warning');
    if (warnings.length) {
      setConfirmWarnings(warnings);
      return;
    }
    await runDeploy();
  }

  async function runDeploy() {
    if (!modeler) return;
    setConfirmWarnings(null);
    if (modeler.isDirty() && !(await doSave())) return;
    try {
      const xml = await modeler.saveXml();
      const result = await deploy.mutateAsync({ xml, name, diagramId: id });
      setDeployState({ key: result.key, version: result.version });
      toast('success', result.unchanged ? `Unchanged — still v${result.version}` : `Deployed ${result.key} v${result.version}`);
      void queryClient.invalidateQueries({ queryKey: trpc.diagrams.list.queryKey() });
    } catch (e) {
      toast('error', `Deploy failed: ${errorMessage(e)}`, 12_000);
    }
  }

  async function exportAs(format: 'bpmn' | 'svg' | 'png') {
    if (!modeler) return;
    const base = fileBaseName(name);
    try {
      if (format === 'bpmn') downloadText(await modeler.saveXml(), `${base}.bpmn`, 'application/xml');
      else if (format === 'svg') downloadText(await modeler.saveSvg(), `${base}.svg`, 'image/svg+xml');
      else downloadBlob(await svgToPng(await modeler.saveSvg()), `${base}.png`);
    } catch (e) {
      toast('error', `Export failed: ${errorMessage(e)}`);
    }
  }

  function selectProblem(p: Problem) {
    if (modeler && !modeler.selectElement(p.elementId)) toast('info', `${p.reportedId} is not drawn on the canvas`);
  }

  // Keyboard: Ctrl/Cmd+S saves from anywhere on the screen; "?" opens the shortcuts list.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void doSave();
      } else if (e.key === '?' && !e.ctrlKey && !e.metaKey && !isEditable(e.target)) {
        e.preventDefault();
        setShortcutsOpen(true);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [doSave]);

  // Leaving with unsaved changes asks first (in-app navigation and closing the tab).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const processKey = deployState?.key ?? diagram.data?.processKey ?? modeler?.process()?.id ?? null;
  const canStart = !!(deployState || diagram.data?.deployedVersion);
  const formTarget = selected?.canHaveForm ? selected : null;

  if (diagram.error) {
    return (
      <div className="page">
        <div className="alert error" role="alert">
          {errorCode(diagram.error) === 'NOT_FOUND' ? 'This diagram does not exist (it may have been deleted).' : `Could not load the diagram: ${errorMessage(diagram.error)}`}{' '}
          <Link to="/diagrams">Back to diagrams</Link>
        </div>
      </div>
    );
  }

  return (
    <div className="editor">
      <div className="toolbar editor-toolbar" role="toolbar" aria-label="Diagram">
        <Link to="/diagrams" aria-label="Back to diagrams">
          ←
        </Link>
        <h1>{name || 'Loading…'}</h1>
        <span className={`dirty-indicator ${dirty ? 'dirty' : ''}`} data-testid="dirty-indicator" aria-live="polite">
          {dirty ? '● Unsaved changes' : 'All changes saved'}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => modeler?.trigger('undo')} aria-label="Undo" title="Undo (Ctrl+Z)">
          ↶
        </button>
        <button type="button" onClick={() => modeler?.trigger('redo')} aria-label="Redo" title="Redo (Ctrl+Y)">
          ↷
        </button>
        <button type="button" onClick={() => modeler?.toggleMinimap()}>
          Minimap
        </button>
        <button type="button" disabled={!formTarget} onClick={() => setFormOpen(true)} title={formTarget ? undefined : 'Select a user task or start event'}>
          Form…
        </button>
        <ExportMenu onExport={(f) => void exportAs(f)} />
        <button type="button" onClick={() => setShortcutsOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
          ?
        </button>
        <button type="button" onClick={() => void doSave()} disabled={saving || !modeler}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="primary" onClick={() => void startDeploy()} disabled={deploy.isPending || !modeler || !!loadError}>
          {deploy.isPending ? 'Deploying…' : 'Deploy'}
        </button>
        <button type="button" onClick={() => setStartOpen(true)} disabled={!canStart || !processKey}>
          Start instance
        </button>
      </div>

      <div className="editor-banners">
        {conflict && (
          <div className="alert error" role="alert">
            <strong>Not saved — someone else saved this diagram.</strong> {conflict} Your changes are kept in a local draft.{' '}
            <button type="button" onClick={() => void reloadFromServer()}>
              Reload (discard my changes)
            </button>{' '}
            <button type="button" onClick={() => void exportAs('bpmn')}>
              Download my version
            </button>
          </div>
        )}
        {loadError && (
          <div className="alert error" role="alert">
            {loadError}
          </div>
        )}
        {deployBlocked && (
          <div className="alert error" role="alert">
            {deployBlocked}
          </div>
        )}
        {draftOffer && (
          <div className="alert warning" role="alert">
            An unsaved local draft from {new Date(draftOffer.savedAt).toLocaleString()} exists
            {revision.current !== null && draftOffer.baseRevision !== revision.current ? ` (based on revision ${draftOffer.baseRevision}; the server has ${revision.current})` : ''}.{' '}
            <button type="button" onClick={() => void restoreDraft()}>
              Restore draft
            </button>{' '}
            <button
              type="button"
              onClick={() => {
                clearDraft(id);
                setDraftOffer(null);
              }}
            >
              Discard draft
            </button>
          </div>
        )}
        {notice && (
          <div className="alert info" role="status">
            {notice}{' '}
            <button type="button" className="link" onClick={() => setNotice(null)}>
              Dismiss
            </button>
          </div>
        )}
        {importNotes.length > 0 && (
          <div className="alert info" role="status" data-testid="import-notes">
            {importNotes.join(' ')}{' '}
            <button type="button" className="link" onClick={() => setImportNotes([])}>
              Dismiss
            </button>
          </div>
        )}
        {notDrawn.length > 0 && (
          <div className="alert warning" role="status" data-testid="not-drawn">
            {notDrawn.length} element{notDrawn.length === 1 ? ' was' : 's were'} not drawn:
            <ul className="not-drawn">
              {notDrawn.slice(0, 20).map((n) => (
                <li key={n.id}>{describeNotDrawn(n)}</li>
              ))}
              {notDrawn.length > 20 && <li>…and {notDrawn.length - 20} more</li>}
            </ul>
          </div>
        )}
        {deployState && (
          <div className="alert info" role="status">
            Deployed as <Link to={`/processes/${encodeURIComponent(deployState.key)}`}>{deployState.key} v{deployState.version}</Link>.
          </div>
        )}
      </div>

      <div className="editor-body">
        <div ref={canvasRef} className="baton-canvas" data-testid="canvas" aria-label="Diagram canvas" />
        <aside ref={propertiesRef} className="baton-properties" aria-label="Properties" data-testid="properties-panel" />
      </div>
      <ProblemsPanel problems={problems} open={problemsOpen} onToggle={toggleProblems} onSelect={selectProblem} />

      <ConfirmDialog
        open={!!confirmWarnings}
        title="Deploy with warnings?"
        message={`${confirmWarnings?.length ?? 0} warning(s): ${(confirmWarnings ?? [])
          .slice(0, 3)
          .map((w) => `${w.elementName ?? w.reportedId}: ${w.message}`)
          .join('; ')}${(confirmWarnings?.length ?? 0) > 3 ? '; …' : ''}`}
        confirmLabel="Deploy anyway"
        onConfirm={() => void runDeploy()}
        onCancel={() => setConfirmWarnings(null)}
      />
      <ConfirmDialog
        open={blocker.state === 'blocked'}
        title="Leave without saving?"
        message="This diagram has unsaved changes. They stay in a local draft, but other people will not see them until you save."
        confirmLabel="Leave"
        danger
        onConfirm={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      />
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      {processKey && (
        <StartInstanceDialog open={startOpen} processKey={processKey} onClose={() => setStartOpen(false)} />
      )}
      {formTarget && modeler && formOpen && (
        <FormDialog
          open={formOpen}
          elementName={formTarget.name ?? formTarget.id}
          linked={modeler.getForm(formTarget.id)}
          initialSchema={modeler.newFormSchema(formTarget.id)}
          onClose={() => setFormOpen(false)}
          onSave={(schema: FormSchema) => {
            try {
              const formId = modeler.linkForm(formTarget.id, schema);
              toast('success', `Form ${formId} linked to ${formTarget.name ?? formTarget.id}`);
              setFormOpen(false);
            } catch (e) {
              toast('error', `Could not link the form: ${errorMessage(e)}`);
            }
          }}
          onUnlink={() => {
            modeler.unlinkForm(formTarget.id);
            toast('info', 'Form unlinked');
            setFormOpen(false);
          }}
        />
      )}
    </div>
  );
}
