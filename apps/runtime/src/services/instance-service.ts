/** Use cases on instances: start, read, history, cancel, edit variables. */
import type { Instance, ListInstancesInput, RuntimeEvent, StartInstanceInput } from '@baton/shared';
import { reduceEvents } from '@baton/shared';
import { NotFoundError } from '../errors.js';
import type { InstanceRow, Page, Store } from '../store/store.js';
import type { Actor } from './actor.js';
import type { DefinitionService } from './definition-service.js';
import type { StepRunner } from './step-runner.js';

export function toInstanceSummary(row: InstanceRow): Instance {
  return {
    id: row.id,
    definitionId: row.definitionId,
    key: row.key,
    version: row.version,
    status: row.status,
    businessKey: row.businessKey,
    variables: row.variables,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    parentInstanceId: row.parentInstanceId,
    tokens: row.tokens,
    incidents: [],
  };
}

/** the element whose execution started a child instance (a call activity), from the parent's history */
function callerOf(events: readonly RuntimeEvent[], executionId: string | null): string | null {
  if (!executionId) return null;
  const entered = events.find((e) => e.type === 'activity.entered' && e.executionId === executionId);
  return entered && entered.type === 'activity.entered' ? entered.elementId : null;
}

export class InstanceService {
  constructor(
    private readonly store: Store,
    private readonly definitions: DefinitionService,
    private readonly steps: StepRunner,
  ) {}

  async start(input: StartInstanceInput, actor: Actor): Promise<{ id: string; status: Instance['status'] }> {
    const definition = await this.definitions.getByKeyOrThrow(input.key, input.version);
    const { id, row } = await this.steps.start({ definitionId: definition.id, businessKey: input.businessKey ?? null, variables: input.variables ?? {}, actor: actor.username });
    return { id, status: row.status };
  }

  async getRowOrThrow(id: string): Promise<InstanceRow> {
    const row = await this.store.getInstance(id);
    if (!row) throw new NotFoundError('instance', id);
    return row;
  }

  /** `children[].elementId` is the call activity of this instance that started the child */
  async get(id: string): Promise<Instance & { children: { id: string; key: string; status: string; elementId: string | null }[] }> {
    const row = await this.getRowOrThrow(id);
    const [incidents, events, children] = await Promise.all([
      this.store.listIncidents({ instanceId: id, open: true }),
      this.store.listEvents(id),
      this.store.listInstances({ parentInstanceId: id, limit: 100 }),
    ]);
    const view = reduceEvents(events);
    const waits = Object.entries(view.elements)
      .filter(([, s]) => s.active > 0 && s.wait)
      .map(([elementId, s]) => ({ elementId, kind: s.wait!.kind, detail: s.wait!.detail }));
    return {
      ...toInstanceSummary(row),
      incidents: incidents.map((i) => ({ id: i.id, elementId: i.elementId, message: i.message })),
      waits,
      children: children.items.map((c) => ({ id: c.id, key: c.key, status: c.status, elementId: callerOf(events, c.parentExecutionId) })),
    };
  }

  async list(input: ListInstancesInput): Promise<Page<Instance>> {
    const page = await this.store.listInstances({ ...(input ?? {}) });
    const incidents = await this.store.openIncidentCounts(page.items.map((i) => i.id));
    const items = page.items.map((row) => ({ ...toInstanceSummary(row), openIncidents: incidents.get(row.id) ?? 0 }));
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async history(id: string, afterSeq?: number, limit?: number): Promise<RuntimeEvent[]> {
    await this.getRowOrThrow(id);
    return this.store.listEvents(id, afterSeq, limit);
  }

  async cancel(id: string, actor: Actor): Promise<{ id: string; status: Instance['status'] }> {
    const { row } = await this.steps.step(id, { type: 'cancel' }, { actor: actor.username });
    // cancelling a parent cancels its children
    const children = await this.store.listInstances({ parentInstanceId: id, status: 'running', limit: 500 });
    for (const child of children.items) await this.cancel(child.id, actor).catch(() => undefined);
    return { id, status: row.status };
  }

  async setVariables(id: string, variables: Record<string, unknown>, actor: Actor): Promise<Instance> {
    const names = Object.keys(variables);
    const { row } = await this.steps.step(id, { type: 'setVariables', variables }, {
      actor: actor.username,
      leadingEvents: [{ type: 'variables.updated', instanceId: id, at: new Date().toISOString(), names, values: variables }],
    });
    return toInstanceSummary(row);
  }
}
