/**
 * Monitoring use cases: the dashboard's numbers, bulk cancel / bulk incident retry with a result per
 * item (one failure never stops the rest), and the operations log. Every number is read from the
 * event store's tables at request time: the dashboard, /metrics and the lists cannot disagree.
 */
import type { BulkItemResult, BulkResult, Dashboard, InstanceStatus, ListOperationsInput, Operation } from '@baton/shared';
import { DomainError } from '../errors.js';
import type { Page, Store } from '../store/store.js';
import type { Actor } from './actor.js';
import type { InstanceService } from './instance-service.js';

const HOUR_MS = 3_600_000;
const DURATION_WINDOW_MS = 7 * 24 * HOUR_MS;
const DURATION_SAMPLE = 20_000;
const STATUSES: InstanceStatus[] = ['running', 'completed', 'failed', 'cancelled'];

/** how incidents are retried (the job service's `retryIncident`), injected to keep this service small */
export type RetryIncident = (id: string, retries: number, actor: string) => Promise<unknown>;

function errorText(error: unknown): string {
  if (error instanceof DomainError || error instanceof Error) return error.message;
  return String(error);
}

async function eachItem(ids: string[], run: (id: string) => Promise<string | undefined>): Promise<BulkResult> {
  const results: BulkItemResult[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      const detail = await run(id);
      results.push({ id, ok: true, ...(detail ? { detail } : {}) });
    } catch (error) {
      results.push({ id, ok: false, error: errorText(error) });
    }
  }
  const succeeded = results.filter((r) => r.ok).length;
  return { results, succeeded, failed: results.length - succeeded };
}

export class MonitorService {
  constructor(
    private readonly store: Store,
    private readonly instances: InstanceService,
    private readonly retryIncident: RetryIncident,
  ) {}

  async dashboard(now = new Date()): Promise<Dashboard> {
    const hourAgo = new Date(now.getTime() - HOUR_MS);
    hourAgo.setUTCSeconds(0, 0);
    const [byStatus, incidents, tasks, perMinute, completedSample, taskDurations, definitions] = await Promise.all([
      this.store.countInstancesByStatus(),
      this.store.openIncidentsByKey(),
      this.store.openTaskCounts(now.toISOString()),
      this.store.eventsPerMinute(hourAgo.toISOString(), ['instance.started', 'instance.completed']),
      this.store.endedInstances('completed', new Date(now.getTime() - DURATION_WINDOW_MS).toISOString(), DURATION_SAMPLE),
      this.store.taskDurations(),
      this.store.listDefinitions(),
    ]);
    const names = new Map<string, string>();
    for (const d of definitions) if (!names.has(d.key)) names.set(d.key, d.name); // newest version first
    const processes = new Map<string, Dashboard['processes'][number]>();
    const processOf = (key: string) => {
      let p = processes.get(key);
      if (!p) {
        p = { key, name: names.get(key) ?? key, running: 0, completed: 0, failed: 0, cancelled: 0, openIncidents: 0, avgDurationMs: null };
        processes.set(key, p);
      }
      return p;
    };
    for (const key of names.keys()) processOf(key);
    for (const row of byStatus) if (STATUSES.includes(row.status)) processOf(row.key)[row.status] += row.count;
    for (const row of incidents) processOf(row.key).openIncidents += row.count;
    const durations = new Map<string, { sum: number; n: number }>();
    for (const i of completedSample) {
      const d = durations.get(i.key) ?? { sum: 0, n: 0 };
      d.sum += Math.max(0, Date.parse(i.endedAt) - Date.parse(i.startedAt));
      d.n += 1;
      durations.set(i.key, d);
    }
    for (const [key, d] of durations) processOf(key).avgDurationMs = d.n ? Math.round(d.sum / d.n) : null;

    const minutes: Dashboard['perMinute'] = [];
    for (let t = hourAgo.getTime(); t <= now.getTime(); t += 60_000) minutes.push({ minute: new Date(t).toISOString().slice(0, 16), started: 0, completed: 0 });
    const index = new Map(minutes.map((m, i) => [m.minute, i]));
    for (const row of perMinute) {
      const i = index.get(row.minute);
      if (i === undefined) continue;
      if (row.type === 'instance.started') minutes[i].started += row.count;
      else minutes[i].completed += row.count;
    }

    const list = [...processes.values()].sort((a, b) => a.key.localeCompare(b.key));
    const sum = (f: (p: Dashboard['processes'][number]) => number) => list.reduce((n, p) => n + f(p), 0);
    return {
      generatedAt: now.toISOString(),
      totals: {
        running: sum((p) => p.running),
        completed: sum((p) => p.completed),
        failed: sum((p) => p.failed),
        cancelled: sum((p) => p.cancelled),
        openIncidents: sum((p) => p.openIncidents),
        openTasks: tasks.open,
        overdueTasks: tasks.overdue,
      },
      processes: list,
      perMinute: minutes,
      taskDurations: taskDurations.map((t) => ({ ...t, avgDurationMs: t.avgDurationMs === null ? null : Math.round(t.avgDurationMs) })),
    };
  }

  bulkCancel(ids: string[], actor: Actor): Promise<BulkResult> {
    return eachItem(ids, async (id) => {
      await this.instances.cancel(id, actor);
      return undefined;
    });
  }

  /** retries every open incident of each instance; an instance without open incidents is a failure */
  bulkRetry(ids: string[], retries: number, actor: Actor): Promise<BulkResult> {
    return eachItem(ids, async (id) => {
      await this.instances.getRowOrThrow(id);
      const open = await this.store.listIncidents({ instanceId: id, open: true });
      if (open.length === 0) throw new Error(`instance ${id} has no open incidents`);
      for (const incident of open) await this.retryIncident(incident.id, retries, actor.username);
      return `${open.length} incident${open.length === 1 ? '' : 's'} retried`;
    });
  }

  /** open user tasks per element of a definition: overdue, and due within `soonMs` */
  async taskSla(definitionId: string, soonMs = 24 * HOUR_MS, now = new Date()) {
    return this.store.taskSla(definitionId, now.toISOString(), new Date(now.getTime() + soonMs).toISOString());
  }

  async operations(input: ListOperationsInput): Promise<Page<Operation>> {
    return this.store.listOperations({ ...(input ?? {}) });
  }
}
