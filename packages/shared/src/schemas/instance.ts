import { z } from 'zod';
import { Id, LIMITS, PageInput, Variables } from './common.js';
import { VariableCondition } from './task-query.js';

export const InstanceStatus = z.enum(['running', 'completed', 'failed', 'cancelled']);
export type InstanceStatus = z.infer<typeof InstanceStatus>;

export const TokenCount = z.object({ elementId: z.string(), count: z.number().int() });
export type TokenCount = z.infer<typeof TokenCount>;

export const IncidentRef = z.object({ id: Id, elementId: z.string(), message: z.string() });

export const Instance = z.object({
  id: Id,
  definitionId: Id,
  key: z.string(),
  version: z.number().int(),
  status: InstanceStatus,
  businessKey: z.string().nullable(),
  variables: z.record(z.string(), z.unknown()),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  parentInstanceId: z.string().nullable().optional(),
  tokens: z.array(TokenCount),
  incidents: z.array(IncidentRef),
  /** Human-readable wait descriptions per element ("timer due ...", "message payment"). */
  waits: z.array(z.object({ elementId: z.string(), kind: z.string(), detail: z.string() })).optional(),
  /** lists: how many open incidents the instance has */
  openIncidents: z.number().int().optional(),
});
export type Instance = z.infer<typeof Instance>;

export const StartInstanceInput = z.object({
  key: z.string().min(1).max(LIMITS.idLength),
  version: z.number().int().positive().optional(),
  variables: Variables.optional(),
  businessKey: z.string().max(LIMITS.nameLength).optional(),
});
export type StartInstanceInput = z.infer<typeof StartInstanceInput>;

export const ListInstancesInput = PageInput.extend({
  status: InstanceStatus.optional(),
  key: z.string().max(LIMITS.idLength).optional(),
  version: z.number().int().optional(),
  definitionId: Id.optional(),
  businessKey: z.string().max(LIMITS.nameLength).optional(),
  elementId: z.string().max(LIMITS.idLength).optional(),
  /** started at or after / before these ISO times */
  startedAfter: z.string().max(40).optional(),
  startedBefore: z.string().max(40).optional(),
  /** true: only instances with an open incident; false: only without */
  hasIncident: z.boolean().optional(),
  variables: z.array(VariableCondition).max(10).optional(),
}).optional();
export type ListInstancesInput = z.infer<typeof ListInstancesInput>;

export const InstanceIdInput = z.object({ id: Id });
export const SetVariablesInput = z.object({ id: Id, variables: Variables });
export const HistoryInput = z.object({ id: Id, afterSeq: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(5000).optional() });
