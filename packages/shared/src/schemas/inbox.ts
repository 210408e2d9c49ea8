import { z } from 'zod';
import { Id, LIMITS } from './common.js';
import { FormField, Task } from './task.js';
import { TaskQuery } from './task-query.js';

/** A task as the inbox lists it: with its process and business key, so a card needs no more calls. */
export const InboxTask = Task.extend({
  processKey: z.string(),
  processName: z.string(),
  processVersion: z.number().int(),
  businessKey: z.string().nullable(),
});
export type InboxTask = z.infer<typeof InboxTask>;

/**
 * How a task (or start event) is filled in, in order of precedence: a linked form-js form, a form
 * generated from camunda:formData fields, else a free variables editor.
 */
export const TaskForm = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('formjs'), formId: z.string(), schema: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('generated'), fields: z.array(FormField) }),
  z.object({ kind: z.literal('variables') }),
]);
export type TaskForm = z.infer<typeof TaskForm>;

const When = z.string().max(40).refine((v) => !Number.isNaN(new Date(v).getTime()), 'must be an ISO-8601 date');

export const UpdateTaskInput = z.object({
  id: Id,
  dueAt: When.nullable().optional(),
  followUpAt: When.nullable().optional(),
  priority: z.number().int().min(0).max(100).optional(),
});
export type UpdateTaskInput = z.infer<typeof UpdateTaskInput>;

export const DelegateTaskInput = z.object({ id: Id, to: z.string().min(1).max(64) });
export const CommentTaskInput = z.object({ id: Id, message: z.string().trim().min(1, 'write a comment first').max(5000) });

/** One line of a task's story: who did what, when (from the instance's RuntimeEvents). */
export const TaskHistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  type: z.enum(['created', 'assigned', 'claimed', 'unclaimed', 'updated', 'delegated', 'resolved', 'commented', 'completed', 'cancelled']),
  /** human-readable detail: "to rita", "due 2025-01-01", the comment text */
  detail: z.string().nullable(),
  commentId: z.string().optional(),
});
export type TaskHistoryEntry = z.infer<typeof TaskHistoryEntry>;

export const TaskCounts = z.object({
  /** open tasks the caller can see */
  open: z.number().int(),
  /** of those, past their due date */
  overdue: z.number().int(),
  mine: z.number().int(),
  mineOverdue: z.number().int(),
  groups: z.number().int(),
  unassigned: z.number().int(),
});
export type TaskCounts = z.infer<typeof TaskCounts>;

export const SavedFilter = z.object({
  id: Id,
  name: z.string(),
  owner: z.string(),
  /** null = private to the owner */
  sharedWithGroup: z.string().nullable(),
  query: TaskQuery,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedFilter = z.infer<typeof SavedFilter>;

export const SaveFilterInput = z.object({
  id: Id.optional(),
  name: z.string().trim().min(1, 'name the filter').max(LIMITS.nameLength),
  sharedWithGroup: z.string().min(1).max(64).nullable().optional(),
  query: TaskQuery,
});
export type SaveFilterInput = z.infer<typeof SaveFilterInput>;

/** A process a user may start from the inbox: the latest version of its key, with its start form. */
export const StartableProcess = z.object({
  definitionId: Id,
  key: z.string(),
  name: z.string(),
  version: z.number().int(),
  form: TaskForm,
});
export type StartableProcess = z.infer<typeof StartableProcess>;
