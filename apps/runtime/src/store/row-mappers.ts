/**
 * Conversions between table rows (snake_case, JSON as text, 0/1 booleans) and the Store's domain rows.
 * The only place that knows how a domain field is encoded in a column.
 */
import type { InstanceStatus, RuntimeEvent, TaskStatus } from '@baton/shared';
import type { Insertable, Selectable } from 'kysely';
import type {
  DefinitionsTable, DiagramsTable, IncidentsTable, InstancesTable, JobsTable, SessionsTable, StartTriggersTable,
  SubscriptionsTable, TasksTable, TimersTable, UsersTable,
} from './db-schema.js';
import type {
  DefinitionRow, DiagramRow, IncidentRow, InstanceRow, JobRow, SessionRow, StartTriggerRow, SubscriptionRow, TaskRow,
  TimerRow, UserRow,
} from './store.js';

const parse = <T>(text: string): T => JSON.parse(text) as T;

export const toUser = (r: Selectable<UsersTable>): UserRow => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  passwordHash: r.password_hash,
  groups: parse(r.groups),
  roles: parse(r.roles),
  disabled: Number(r.disabled) === 1,
  createdAt: r.created_at,
});

export const userColumns = (u: Partial<Omit<UserRow, 'id' | 'createdAt'>>): Partial<Insertable<UsersTable>> => {
  const out: Partial<Insertable<UsersTable>> = {};
  if (u.username !== undefined) out.username = u.username;
  if (u.displayName !== undefined) out.display_name = u.displayName;
  if (u.passwordHash !== undefined) out.password_hash = u.passwordHash;
  if (u.groups !== undefined) out.groups = JSON.stringify(u.groups);
  if (u.roles !== undefined) out.roles = JSON.stringify(u.roles);
  if (u.disabled !== undefined) out.disabled = u.disabled ? 1 : 0;
  return out;
};

export const toSession = (r: Selectable<SessionsTable>): SessionRow => ({
  tokenHash: r.token_hash,
  userId: r.user_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

export const toDiagram = (r: Selectable<DiagramsTable>): DiagramRow => ({
  id: r.id,
  name: r.name,
  xml: r.xml,
  revision: Number(r.revision),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
});

export const toDefinition = (r: Selectable<DefinitionsTable>): DefinitionRow => ({
  id: r.id,
  key: r.key,
  version: Number(r.version),
  name: r.name,
  xml: r.xml,
  hash: r.hash,
  deployedAt: r.deployed_at,
  deployedBy: r.deployed_by,
  diagramId: r.diagram_id,
});

export const toStartTrigger = (r: Selectable<StartTriggersTable>): StartTriggerRow => ({
  definitionId: r.definition_id,
  key: r.key,
  elementId: r.element_id,
  kind: r.kind as StartTriggerRow['kind'],
  name: r.name,
});

export const toInstance = (r: Selectable<InstancesTable>): InstanceRow => ({
  id: r.id,
  definitionId: r.definition_id,
  key: r.key,
  version: Number(r.version),
  status: r.status as InstanceStatus,
  businessKey: r.business_key,
  variables: parse(r.variables),
  snapshot: r.snapshot,
  engineVersion: r.engine_version,
  rev: Number(r.rev),
  lastSeq: Number(r.last_seq),
  tokens: parse(r.tokens),
  startedAt: r.started_at,
  endedAt: r.ended_at,
  parentInstanceId: r.parent_instance_id,
  parentExecutionId: r.parent_execution_id,
});

/** the columns of the instance fields present in `i` (a create passes all, an advance the changed ones) */
export const instanceColumns = (i: Partial<Omit<InstanceRow, 'id' | 'rev' | 'lastSeq'>>): Partial<Insertable<InstancesTable>> => {
  const out: Partial<Insertable<InstancesTable>> = {};
  if (i.definitionId !== undefined) out.definition_id = i.definitionId;
  if (i.key !== undefined) out.key = i.key;
  if (i.version !== undefined) out.version = i.version;
  if (i.status !== undefined) out.status = i.status;
  if (i.businessKey !== undefined) out.business_key = i.businessKey;
  if (i.variables !== undefined) out.variables = JSON.stringify(i.variables);
  if (i.snapshot !== undefined) out.snapshot = i.snapshot;
  if (i.engineVersion !== undefined) out.engine_version = i.engineVersion;
  if (i.tokens !== undefined) out.tokens = JSON.stringify(i.tokens.map((t) => ({ elementId: t.elementId, count: t.count })));
  if (i.startedAt !== undefined) out.started_at = i.startedAt;
  if (i.endedAt !== undefined) out.ended_at = i.endedAt;
  if (i.parentInstanceId !== undefined) out.parent_instance_id = i.parentInstanceId;
  if (i.parentExecutionId !== undefined) out.parent_execution_id = i.parentExecutionId;
  return out;
};

export const toTask = (r: Selectable<TasksTable>): TaskRow => ({
  id: r.id,
  instanceId: r.instance_id,
  definitionId: r.definition_id,
  elementId: r.element_id,
  executionId: r.execution_id,
  name: r.name,
  assignee: r.assignee,
  candidateUsers: parse(r.candidate_users),
  candidateGroups: parse(r.candidate_groups),
  dueAt: r.due_at,
  followUpAt: r.follow_up_at,
  priority: Number(r.priority),
  status: r.status as TaskStatus,
  formKey: r.form_key,
  formFields: parse(r.form_fields),
  createdAt: r.created_at,
  completedAt: r.completed_at,
  completedBy: r.completed_by,
  // only when set, so rows of tasks never delegated look exactly as before delegation existed
  ...(r.owner ? { owner: r.owner } : {}),
  ...(r.delegation_state ? { delegationState: r.delegation_state as NonNullable<TaskRow['delegationState']> } : {}),
});

export const taskColumns = (t: TaskRow): Insertable<TasksTable> => ({
  id: t.id,
  instance_id: t.instanceId,
  definition_id: t.definitionId,
  element_id: t.elementId,
  execution_id: t.executionId,
  name: t.name,
  assignee: t.assignee,
  candidate_users: JSON.stringify(t.candidateUsers ?? []),
  candidate_groups: JSON.stringify(t.candidateGroups ?? []),
  due_at: t.dueAt,
  follow_up_at: t.followUpAt,
  priority: t.priority,
  status: t.status,
  form_key: t.formKey,
  form_fields: JSON.stringify(t.formFields ?? []),
  created_at: t.createdAt,
  completed_at: t.completedAt,
  completed_by: t.completedBy,
  owner: t.owner ?? null,
  delegation_state: t.delegationState ?? null,
});

export const taskChangeColumns = (c: Partial<Pick<TaskRow, 'assignee' | 'status' | 'completedAt' | 'completedBy' | 'dueAt' | 'followUpAt' | 'priority' | 'owner' | 'delegationState'>>): Partial<Insertable<TasksTable>> => {
  const out: Partial<Insertable<TasksTable>> = {};
  if (c.assignee !== undefined) out.assignee = c.assignee;
  if (c.status !== undefined) out.status = c.status;
  if (c.completedAt !== undefined) out.completed_at = c.completedAt;
  if (c.completedBy !== undefined) out.completed_by = c.completedBy;
  if (c.dueAt !== undefined) out.due_at = c.dueAt;
  if (c.followUpAt !== undefined) out.follow_up_at = c.followUpAt;
  if (c.priority !== undefined) out.priority = c.priority;
  if (c.owner !== undefined) out.owner = c.owner;
  if (c.delegationState !== undefined) out.delegation_state = c.delegationState;
  return out;
};

export const toTimer = (r: Selectable<TimersTable>): TimerRow => ({
  id: r.id,
  instanceId: r.instance_id,
  elementId: r.element_id,
  executionId: r.execution_id,
  dueAt: r.due_at,
  expression: r.expression,
});

export const timerColumns = (t: TimerRow): Insertable<TimersTable> => ({
  id: t.id,
  instance_id: t.instanceId,
  element_id: t.elementId,
  execution_id: t.executionId,
  due_at: t.dueAt,
  expression: t.expression,
  locked_until: null,
  locked_by: null,
});

export const toSubscription = (r: Selectable<SubscriptionsTable>): SubscriptionRow => ({
  id: r.id,
  instanceId: r.instance_id,
  elementId: r.element_id,
  executionId: r.execution_id,
  kind: r.kind as SubscriptionRow['kind'],
  name: r.name,
  businessKey: r.business_key,
});

export const subscriptionColumns = (s: SubscriptionRow): Insertable<SubscriptionsTable> => ({
  id: s.id,
  instance_id: s.instanceId,
  element_id: s.elementId,
  execution_id: s.executionId,
  kind: s.kind,
  name: s.name,
  business_key: s.businessKey,
});

export const toJob = (r: Selectable<JobsTable>): JobRow => ({
  id: r.id,
  instanceId: r.instance_id,
  definitionId: r.definition_id,
  elementId: r.element_id,
  executionId: r.execution_id,
  topic: r.topic,
  variables: parse(r.variables),
  retries: r.retries === null ? null : Number(r.retries),
  workerId: r.worker_id,
  lockExpiresAt: r.lock_expires_at,
  availableAt: r.available_at,
  errorMessage: r.error_message,
  errorDetails: r.error_details,
  createdAt: r.created_at,
});

export const jobColumns = (j: JobRow): Insertable<JobsTable> => ({
  id: j.id,
  instance_id: j.instanceId,
  definition_id: j.definitionId,
  element_id: j.elementId,
  execution_id: j.executionId,
  topic: j.topic,
  variables: JSON.stringify(j.variables ?? {}),
  retries: j.retries,
  worker_id: j.workerId,
  lock_expires_at: j.lockExpiresAt,
  available_at: j.availableAt,
  error_message: j.errorMessage,
  error_details: j.errorDetails,
  created_at: j.createdAt,
});

export const jobChangeColumns = (c: Partial<Pick<JobRow, 'retries' | 'workerId' | 'lockExpiresAt' | 'availableAt' | 'errorMessage' | 'errorDetails'>>): Partial<Insertable<JobsTable>> => {
  const out: Partial<Insertable<JobsTable>> = {};
  if (c.retries !== undefined) out.retries = c.retries;
  if (c.workerId !== undefined) out.worker_id = c.workerId;
  if (c.lockExpiresAt !== undefined) out.lock_expires_at = c.lockExpiresAt;
  if (c.availableAt !== undefined) out.available_at = c.availableAt;
  if (c.errorMessage !== undefined) out.error_message = c.errorMessage;
  if (c.errorDetails !== undefined) out.error_details = c.errorDetails;
  return out;
};

export const toIncident = (r: Selectable<IncidentsTable>): IncidentRow => ({
  id: r.id,
  instanceId: r.instance_id,
  definitionId: r.definition_id,
  elementId: r.element_id,
  jobId: r.job_id,
  message: r.message,
  details: r.details,
  createdAt: r.created_at,
  resolvedAt: r.resolved_at,
});

export const incidentColumns = (i: IncidentRow): Insertable<IncidentsTable> => ({
  id: i.id,
  instance_id: i.instanceId,
  definition_id: i.definitionId,
  element_id: i.elementId,
  job_id: i.jobId,
  message: i.message,
  details: i.details,
  created_at: i.createdAt,
  resolved_at: i.resolvedAt,
});

export const toEvent = (payload: string): RuntimeEvent => parse(payload);

/** ISO time `ms` milliseconds after `iso` */
export const addMs = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
