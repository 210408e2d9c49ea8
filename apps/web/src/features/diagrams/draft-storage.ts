/**
 * Autosaved local drafts (localStorage), one per diagram, so a crash or a closed tab loses nothing.
 * A draft remembers the server revision it was based on; the editor offers to restore it only when
 * it differs from what the server has.
 */
export interface LocalDraft {
  xml: string;
  baseRevision: number;
  savedAt: string;
}

const key = (diagramId: string) => `baton.draft.${diagramId}`;

export function loadDraft(diagramId: string, storage: Storage = localStorage): LocalDraft | null {
  try {
    const raw = storage.getItem(key(diagramId));
    if (!raw) return null;
    const d = JSON.parse(raw) as LocalDraft;
    return typeof d.xml === 'string' && typeof d.baseRevision === 'number' ? d : null;
  } catch {
    return null;
  }
}

export function saveDraft(diagramId: string, draft: LocalDraft, storage: Storage = localStorage): void {
  try {
    storage.setItem(key(diagramId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the explicit Save still works; nothing else to do.
  }
}

export function clearDraft(diagramId: string, storage: Storage = localStorage): void {
  storage.removeItem(key(diagramId));
}
