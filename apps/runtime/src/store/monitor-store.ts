/**
 * The monitoring part of the Store: the operations log and the dashboard's aggregates, all read from
 * the same tables the runtime writes (events, instances, incidents, tasks) — no second source of truth.
 */
import type { InstanceStatus } from '@baton/shared';
import type { Page } from './store.js';

export interface OperationRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  instanceId: string | null;
  definitionId: string | null;
  processKey: string | null;
  elementId: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface OperationFilter {
  actor?: string;
  action?: string;
  processKey?: string;
  instanceId?: string;
  /** ISO times, inclusive */
  from?: string;
  to?: string;
  limit?: number;
  cursor?: string;
}

/** a command that is not an instance step (e.g. deploy), recorded with the write it describes */
export interface OperationRecord {
  at: string;
  actor: string;
  action: string;
  definitionId?: string | null;
  processKey?: string | null;
  details?: Record<string, unknown>;
}

export interface MonitorStore {
  listOperations(filter: OperationFilter): Promise<Page<OperationRow>>;
  /** open incidents per instance, for the given instances (absent = none) */
  openIncidentCounts(instanceIds: string[]): Promise<Map<string, number>>;
  /** open incidents per process key */
  openIncidentsByKey(): Promise<{ key: string; count: number }[]>;
  /** open user tasks, and those of them due before `now` */
  openTaskCounts(now: string): Promise<{ open: number; overdue: number }>;
  /** counts of instance.started / instance.completed events per minute ("YYYY-MM-DDTHH:MM") since `from` */
  eventsPerMinute(from: string, types: ('instance.started' | 'instance.completed')[]): Promise<{ minute: string; type: string; count: number }[]>;
  /** start and end times of instances that ended with `status` since `from` (for average durations) */
  endedInstances(status: InstanceStatus, from: string, limit: number): Promise<{ key: string; startedAt: string; endedAt: string }[]>;
  /** SLA view: open user tasks of a definition per element, with how many are overdue or due before `soon` */
  taskSla(definitionId: string, now: string, soon: string): Promise<{ elementId: string; open: number; overdue: number; dueSoon: number }[]>;
  /** average open time of completed user tasks per process key and element */
  taskDurations(): Promise<{ key: string; elementId: string; completed: number; avgDurationMs: number | null }[]>;
}
