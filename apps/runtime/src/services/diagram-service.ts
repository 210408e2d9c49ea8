/** Diagram drafts: save with a revision check so two editors never overwrite each other silently. */
import { randomUUID } from 'node:crypto';
import type { Diagram, DiagramSummary, SaveDiagramInput } from '@baton/shared';
import { NotFoundError } from '../errors.js';
import type { DiagramRow, Store } from '../store/store.js';
import type { Actor } from './actor.js';

export class DiagramService {
  constructor(private readonly store: Store) {}

  async save(input: SaveDiagramInput, actor: Actor): Promise<{ id: string; revision: number }> {
    if (input.id && input.revision !== undefined && !(await this.store.getDiagram(input.id))) throw new NotFoundError('diagram', input.id);
    const row = await this.store.saveDiagram({
      id: input.id ?? randomUUID(),
      name: input.name,
      xml: input.xml,
      ...(input.revision !== undefined ? { expectedRevision: input.revision } : {}),
      savedBy: actor.username,
      now: new Date().toISOString(),
    });
    return { id: row.id, revision: row.revision };
  }

  async list(): Promise<DiagramSummary[]> {
    const [diagrams, definitions] = await Promise.all([this.store.listDiagrams(), this.store.listDefinitions()]);
    return diagrams.map((d) => {
      const deployed = definitions.filter((def) => def.diagramId === d.id).sort((a, b) => b.version - a.version)[0];
      return { id: d.id, name: d.name, revision: d.revision, updatedAt: d.updatedAt, updatedBy: d.updatedBy, deployedVersion: deployed?.version ?? null, processKey: deployed?.key ?? null };
    });
  }

  async get(id: string): Promise<Diagram> {
    const row: DiagramRow | undefined = await this.store.getDiagram(id);
    if (!row) throw new NotFoundError('diagram', id);
    return { id: row.id, name: row.name, xml: row.xml, revision: row.revision, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
  }

  async remove(id: string): Promise<void> {
    if (!(await this.store.deleteDiagram(id))) throw new NotFoundError('diagram', id);
  }
}
