import { z } from 'zod';
import { LIMITS } from './common.js';

/**
 * The inbox's task query: a queue, filters and a sort. The same shape is the `tasks.list` input, a
 * saved filter's body and (flattened) the inbox URL, so a shared link and a saved filter mean the same.
 */
export const TaskQueue = z.enum(['mine', 'groups', 'unassigned', 'completed', 'all']);
export type TaskQueue = z.infer<typeof TaskQueue>;

export const VariableOperator = z.enum(['eq', 'neq', 'lt', 'gt', 'contains']);
export type VariableOperator = z.infer<typeof VariableOperator>;

/** `value` is compared as a number when both sides are numbers, as text otherwise */
export const VariableCondition = z.object({
  name: z.string().min(1).max(200),
  op: VariableOperator,
  value: z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
});
export type VariableCondition = z.infer<typeof VariableCondition>;

export const TaskSort = z.enum(['created', 'due', 'followUp', 'priority']);
export type TaskSort = z.infer<typeof TaskSort>;

const Name = z.string().max(LIMITS.nameLength);
/** an ISO-8601 date or date-time */
const When = z.string().max(40).refine((v) => !Number.isNaN(new Date(v).getTime()), 'must be an ISO-8601 date');

export const TaskQueryFields = {
  queue: TaskQueue.optional(),
  processKey: Name.optional(),
  /** case-insensitive "contains" on the task name */
  taskName: Name.optional(),
  businessKey: Name.optional(),
  dueBefore: When.optional(),
  dueAfter: When.optional(),
  /** open tasks whose due date has passed */
  overdue: z.boolean().optional(),
  priorityMin: z.number().int().optional(),
  priorityMax: z.number().int().optional(),
  createdAfter: When.optional(),
  createdBefore: When.optional(),
  variables: z.array(VariableCondition).max(20).optional(),
  sort: TaskSort.optional(),
  order: z.enum(['asc', 'desc']).optional(),
};

export const TaskQuery = z.object({
  ...TaskQueryFields,
  assignee: z.string().max(64).optional(),
  candidateGroup: z.string().max(64).optional(),
});
export type TaskQuery = z.infer<typeof TaskQuery>;

/** Tasklist's priority bands, for chips: up to 25 Low, 50 Medium (the default), 75 High, above Critical */
export function priorityLabel(priority: number): 'Low' | 'Medium' | 'High' | 'Critical' {
  if (priority <= 25) return 'Low';
  if (priority <= 50) return 'Medium';
  if (priority <= 75) return 'High';
  return 'Critical';
}
