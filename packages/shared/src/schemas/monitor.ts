/**
 * Monitoring: instance-list filters on variables, bulk commands with per-item results, the dashboard's
 * numbers and the operations log (audit trail). Everything here is computed from the event store.
 */
import { z } from 'zod';
import { Id, LIMITS, PageInput } from './common.js';

/** Variable conditions are the inbox's (task-query.ts): one meaning of `amount gt 1000` everywhere. */


export const BulkInstancesInput = z.object({ ids: z.array(Id).min(1).max(LIMITS.listMax) });
export const BulkRetryInput = BulkInstancesInput.extend({ retries: z.number().int().min(1).max(100).default(1) });

export const BulkItemResult = z.object({ id: Id, ok: z.boolean(), error: z.string().optional(), detail: z.string().optional() });
export type BulkItemResult = z.infer<typeof BulkItemResult>;
export const BulkResult = z.object({ results: z.array(BulkItemResult), succeeded: z.number().int(), failed: z.number().int() });
export type BulkResult = z.infer<typeof BulkResult>;

export const DashboardInput = z.object({ key: z.string().max(LIMITS.idLength).optional() }).optional();

export const ProcessCounts = z.object({
  key: z.string(),
  name: z.string(),
  running: z.number().int(),
  completed: z.number().int(),
  failed: z.number().int(),
  cancelled: z.number().int(),
  openIncidents: z.number().int(),
  /** over instances that completed */
  avgDurationMs: z.number().nullable(),
});
export type ProcessCounts = z.infer<typeof ProcessCounts>;

export const Dashboard = z.object({
  generatedAt: z.string(),
  totals: z.object({ running: z.number().int(), completed: z.number().int(), failed: z.number().int(), cancelled: z.number().int(), openIncidents: z.number().int(), openTasks: z.number().int(), overdueTasks: z.number().int() }),
  processes: z.array(ProcessCounts),
  /** one bucket per minute of the last hour, oldest first ("2030-01-01T10:05") */
  perMinute: z.array(z.object({ minute: z.string(), started: z.number().int(), completed: z.number().int() })),
  /** user tasks: how long they were open on average, per process and element */
  taskDurations: z.array(z.object({ key: z.string(), elementId: z.string(), completed: z.number().int(), avgDurationMs: z.number().nullable() })),
});
export type Dashboard = z.infer<typeof Dashboard>;

/** One command recorded in the audit trail: who did what to which instance, task or process, when. */
export const Operation = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  instanceId: z.string().nullable(),
  definitionId: z.string().nullable(),
  processKey: z.string().nullable(),
  elementId: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type Operation = z.infer<typeof Operation>;

export const ListOperationsInput = PageInput.extend({
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  processKey: z.string().max(LIMITS.idLength).optional(),
  instanceId: Id.optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
}).optional();
export type ListOperationsInput = z.infer<typeof ListOperationsInput>;
