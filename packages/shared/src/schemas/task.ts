import { z } from 'zod';
import { Id, LIMITS, PageInput, Variables } from './common.js';
import { TaskQueryFields } from './task-query.js';

export const TaskStatus = z.enum(['open', 'completed', 'cancelled']);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const FormField = z.object({
  id: z.string(),
  label: z.string(),
  type: z.string(),
  defaultValue: z.unknown().optional(),
  required: z.boolean(),
  values: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
});
export type FormField = z.infer<typeof FormField>;

export const DelegationState = z.enum(['pending', 'resolved']);
export type DelegationState = z.infer<typeof DelegationState>;

export const Task = z.object({
  id: Id,
  instanceId: Id,
  definitionId: Id,
  elementId: z.string(),
  name: z.string(),
  assignee: z.string().nullable(),
  candidateUsers: z.array(z.string()),
  candidateGroups: z.array(z.string()),
  dueAt: z.string().nullable(),
  followUpAt: z.string().nullable().optional(),
  priority: z.number().int(),
  status: TaskStatus,
  formKey: z.string().nullable(),
  formFields: z.array(FormField),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable().optional(),
  /** set while delegated: the user who keeps the task and gets it back on resolve */
  owner: z.string().nullable().optional(),
  delegationState: DelegationState.nullable().optional(),
});
export type Task = z.infer<typeof Task>;

export const ListTasksInput = PageInput.extend({
  assignee: z.string().max(64).optional(),
  candidateGroup: z.string().max(64).optional(),
  candidateUser: z.string().max(64).optional(),
  status: TaskStatus.optional(),
  instanceId: Id.optional(),
  unassigned: z.boolean().optional(),
  ...TaskQueryFields,
}).optional();
export type ListTasksInput = z.infer<typeof ListTasksInput>;

export const TaskIdInput = z.object({ id: Id });
export const AssignTaskInput = z.object({ id: Id, assignee: z.string().max(64).nullable() });
export const CompleteTaskInput = z.object({ id: Id, variables: Variables.optional() });

export const CorrelateMessageInput = z.object({
  name: z.string().min(1).max(LIMITS.nameLength),
  correlationKey: z.string().max(LIMITS.nameLength).optional(),
  businessKey: z.string().max(LIMITS.nameLength).optional(),
  instanceId: Id.optional(),
  /** Narrow to instances whose variables equal these values (Camunda's processVariables). */
  correlationVariables: Variables.optional(),
  variables: Variables.optional(),
  all: z.boolean().optional(),
});
export type CorrelateMessageInput = z.infer<typeof CorrelateMessageInput>;

export const BroadcastSignalInput = z.object({ name: z.string().min(1).max(LIMITS.nameLength), variables: Variables.optional() });
export type BroadcastSignalInput = z.infer<typeof BroadcastSignalInput>;
