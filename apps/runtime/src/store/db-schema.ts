/**
 * Table types for Kysely, one interface per table, snake_case as in the migrations. JSON columns are
 * text on both dialects; dates are ISO-8601 text so ordering is lexical; booleans are 0/1 integers.
 */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  groups: string;
  roles: string;
  disabled: number;
  created_at: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface DiagramsTable {
  id: string;
  name: string;
  xml: string;
  revision: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface DefinitionsTable {
  id: string;
  key: string;
  version: number;
  name: string;
  xml: string;
  hash: string;
  deployed_at: string;
  deployed_by: string | null;
  diagram_id: string | null;
}

export interface StartTriggersTable {
  definition_id: string;
  key: string;
  element_id: string;
  kind: string;
  name: string;
}

export interface InstancesTable {
  id: string;
  definition_id: string;
  key: string;
  version: number;
  status: string;
  business_key: string | null;
  variables: string;
  snapshot: string | null;
  engine_version: string;
  rev: number;
  last_seq: number;
  tokens: string;
  started_at: string;
  ended_at: string | null;
  parent_instance_id: string | null;
  parent_execution_id: string | null;
}

/** where tokens are, one row per (instance, element): the indexed form of instances.tokens */
export interface InstanceTokensTable {
  instance_id: string;
  element_id: string;
  count: number;
}

export interface EventsTable {
  gid: Generated<number>;
  instance_id: string;
  definition_id: string;
  seq: number;
  type: string;
  element_id: string | null;
  at: string;
  actor: string | null;
  duration_ms: number | null;
  /** the whole RuntimeEvent as JSON */
  payload: string;
}

export interface TasksTable {
  id: string;
  instance_id: string;
  definition_id: string;
  element_id: string;
  execution_id: string;
  name: string;
  assignee: string | null;
  candidate_users: string;
  candidate_groups: string;
  due_at: string | null;
  follow_up_at: string | null;
  priority: number;
  status: string;
  form_key: string | null;
  form_fields: string;
  created_at: string;
  completed_at: string | null;
  completed_by: string | null;
  /** 0002-inbox: who keeps a delegated task */
  owner: string | null;
  delegation_state: string | null;
}

/** 0002-inbox: task filters saved by a user, private or shared with one group */
export interface SavedFiltersTable {
  id: string;
  name: string;
  owner: string;
  shared_with_group: string | null;
  /** the TaskQuery as JSON */
  query: string;
  created_at: string;
  updated_at: string;
}

export interface TaskCandidatesTable {
  task_id: string;
  kind: 'user' | 'group';
  name: string;
  /** 0004-inbox-sort-keys: copies of the task's status and sort columns, so a candidate's tasks are read in list order */
  status: string;
  created_at: string;
  due_at: string | null;
  follow_up_at: string | null;
  priority: number;
}

export interface TimersTable {
  id: string;
  instance_id: string;
  element_id: string;
  execution_id: string;
  due_at: string;
  expression: string | null;
  locked_until: string | null;
  locked_by: string | null;
}

export interface SubscriptionsTable {
  id: string;
  instance_id: string;
  element_id: string;
  execution_id: string;
  kind: string;
  name: string;
  business_key: string | null;
}

export interface JobsTable {
  id: string;
  instance_id: string;
  definition_id: string;
  element_id: string;
  execution_id: string;
  topic: string;
  variables: string;
  retries: number | null;
  worker_id: string | null;
  lock_expires_at: string | null;
  available_at: string;
  error_message: string | null;
  error_details: string | null;
  created_at: string;
}

export interface IncidentsTable {
  id: string;
  instance_id: string;
  definition_id: string;
  element_id: string;
  job_id: string | null;
  message: string;
  details: string | null;
  created_at: string;
  resolved_at: string | null;
}

/** 0003-monitoring: the operations log (append-only audit trail) */
export interface OperationsTable {
  oid: Generated<number>;
  at: string;
  actor: string;
  action: string;
  instance_id: string | null;
  definition_id: string | null;
  process_key: string | null;
  element_id: string | null;
  target_id: string | null;
  /** JSON */
  details: string;
}

/** 0003-monitoring: top-level instance variables, indexed for the instance list's filters */
export interface InstanceVariablesTable {
  instance_id: string;
  name: string;
  kind: string;
  num_value: number | null;
  text_value: string | null;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  diagrams: DiagramsTable;
  definitions: DefinitionsTable;
  start_triggers: StartTriggersTable;
  instances: InstancesTable;
  instance_tokens: InstanceTokensTable;
  events: EventsTable;
  tasks: TasksTable;
  task_candidates: TaskCandidatesTable;
  timers: TimersTable;
  subscriptions: SubscriptionsTable;
  jobs: JobsTable;
  incidents: IncidentsTable;
  saved_filters: SavedFiltersTable;
  operations: OperationsTable;
  instance_variables: InstanceVariablesTable;
}
