/**
 * Deploy and look up definitions. Each version's XML is parsed once (bpmn-moddle + the engine's
 * serializer) and the result shared by every instance of that version, through a small LRU.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Definition, DefinitionWithXml, DeployInput, DeployResult, ElementStats } from '@baton/shared';
import { BadRequestError, NotFoundError } from '../errors.js';
import { definitionParser, type ParsedDefinition } from '../engine/definition-model.js';
import { DefinitionError } from '../engine/engine-errors.js';
import type { LoadedDefinition } from '../engine/engine-host.js';
import type { DefinitionRow, Store } from '../store/store.js';
import type { Actor } from './actor.js';

const PARSED_CACHE = 200;
const ROW_CACHE = 32;

export function toDefinition(row: Omit<DefinitionRow, 'xml'>): Definition {
  return { id: row.id, key: row.key, version: row.version, name: row.name, hash: row.hash, deployedAt: row.deployedAt, diagramId: row.diagramId };
}

export class DefinitionService {
  private readonly parsed = new Map<string, Promise<ParsedDefinition>>();
  private readonly rows = new Map<string, DefinitionRow>();
  private readonly parse = definitionParser();

  constructor(private readonly store: Store) {}

  async deploy(input: DeployInput, actor: Actor): Promise<DeployResult & { definition: DefinitionRow }> {
    let parsed: ParsedDefinition;
    try {
      parsed = await this.parse(input.xml);
    } catch (error) {
      if (error instanceof DefinitionError) throw new BadRequestError(error.message);
      throw error;
    }
    const hash = createHash('sha256').update(input.xml).digest('hex');
    const { definition, created } = await this.store.deployDefinition(
      {
        id: randomUUID(),
        key: parsed.key,
        name: input.name ?? parsed.name,
        xml: input.xml,
        hash,
        deployedAt: new Date().toISOString(),
        deployedBy: actor.username,
        diagramId: input.diagramId ?? null,
      },
      parsed.startTriggers.map((t) => ({ key: parsed.key, elementId: t.elementId, kind: t.kind, name: t.name })),
      { actor: actor.username, at: new Date().toISOString() },
    );
    if (created) this.parsed.set(definition.id, Promise.resolve(parsed));
    return { id: definition.id, key: definition.key, version: definition.version, unchanged: !created, definition };
  }

  /** a definition version never changes once deployed, so its row is kept (a few, they hold the XML) */
  async getOrThrow(id: string): Promise<DefinitionRow> {
    const cached = this.rows.get(id);
    if (cached) return cached;
    const row = await this.store.getDefinition(id);
    if (!row) throw new NotFoundError('definition', id);
    if (this.rows.size >= ROW_CACHE) this.rows.delete(this.rows.keys().next().value as string);
    this.rows.set(id, row);
    return row;
  }

  async getByKeyOrThrow(key: string, version?: number): Promise<DefinitionRow> {
    const row = await this.store.getDefinitionByKey(key, version);
    if (!row) throw new NotFoundError('process', version ? `${key}" version "${version}` : key);
    return row;
  }

  async get(id: string): Promise<DefinitionWithXml> {
    const row = await this.getOrThrow(id);
    return { ...toDefinition(row), xml: row.xml };
  }

  async list(key?: string): Promise<Definition[]> {
    return (await this.store.listDefinitions(key ? { key } : {})).map(toDefinition);
  }

  /** the parsed, shared form of a definition version (parsed at most once per process lifetime) */
  async load(row: DefinitionRow): Promise<LoadedDefinition> {
    let parsed = this.parsed.get(row.id);
    if (!parsed) {
      parsed = this.parse(row.xml);
      this.parsed.set(row.id, parsed);
      parsed.catch(() => this.parsed.delete(row.id));
      if (this.parsed.size > PARSED_CACHE) this.parsed.delete(this.parsed.keys().next().value as string);
    }
    return { id: row.id, parsed: await parsed };
  }

  async loadById(id: string): Promise<LoadedDefinition> {
    const parsed = this.parsed.get(id);
    if (parsed) return { id, parsed: await parsed };
    return this.load(await this.getOrThrow(id));
  }

  async stats(id: string): Promise<ElementStats[]> {
    await this.getOrThrow(id);
    const [stats, incidents, running] = await Promise.all([
      this.store.elementStats(id),
      this.store.listIncidents({ definitionId: id, open: true }),
      this.store.listInstances({ definitionId: id, status: 'running', limit: 500 }),
    ]);
    const active = new Map<string, number>();
    for (const instance of running.items) for (const t of instance.tokens) active.set(t.elementId, (active.get(t.elementId) ?? 0) + t.count);
    const incidentCounts = new Map<string, number>();
    for (const incident of incidents) incidentCounts.set(incident.elementId, (incidentCounts.get(incident.elementId) ?? 0) + 1);
    const ids = new Set([...stats.map((s) => s.elementId), ...active.keys(), ...incidentCounts.keys()]);
    return [...ids].map((elementId) => {
      const s = stats.find((x) => x.elementId === elementId);
      return { elementId, active: active.get(elementId) ?? 0, incidents: incidentCounts.get(elementId) ?? 0, completed: s?.completed ?? 0, avgDurationMs: s?.avgDurationMs ?? null };
    });
  }
}
