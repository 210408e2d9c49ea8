/**
 * Store: the runtime's only door to the database. Domain-shaped: no SQL crosses it, and every method
 * is one transaction. One Kysely implementation (kysely-store.ts) serves SQLite and PostgreSQL.
 *
 * The central write is `commitStep`: an instance advances in memory until every token waits, then ONE
 * transaction writes its snapshot, its new RuntimeEvents and the rows of what it now waits for. The
 * `rev` check makes a lost race a ConflictError and never a double advance.
 */
import type { DelegationState, FormField, InstanceStatus, VariableCondition, NewRuntimeEvent, Role, RuntimeEvent, TaskQuery, TaskStatus, TokenCount } from '@baton/shared';

import type { MonitorStore, OperationRecord } from './monitor-store.js';
// ---------- rows ----------

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  passwordHash: string;
  groups: string[];
  roles: Role[];
  disabled: boolean;
  createdAt: string;
}

export interface SessionRow {
  tokenHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
}

export interface DiagramRow {
  id: string;
  name: string;
  xml: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface DefinitionRow {
  id: string;
  key: string;
  version: number;
  name: string;
  xml: string;
  hash: string;
  deployedAt: string;
  deployedBy: string | null;
  diagramId: string | null;
}

/** A message or signal start event of a deployed definition (only the latest version of a key starts). */
export interface StartTriggerRow {
  definitionId: string;
  key: string;
  elementId: string;
  kind: 'message' | 'signal' | 'timer';
  /** message or signal name; for timers the timer expression */
  name: string;
}

export interface InstanceRow {
  id: string;
  definitionId: string;
  key: string;
  version: number;
  status: InstanceStatus;
  businessKey: string | null;
  variables: Record<string, unknown>;
  /** bpmn-engine getState() JSON; null once the instance has ended (history keeps the story) */
  snapshot: string | null;
  engineVersion: string;
  rev: number;
  lastSeq: number;
  /** where tokens currently are, denormalised from the events for lists and stats */
  tokens: TokenCount[];
  startedAt: string;
  endedAt: string | null;
  parentInstanceId: string | null;
  /** the engine execution id of the call activity in the parent that waits for this instance */
  parentExecutionId: string | null;
}

export interface TaskRow {
  id: string;
  instanceId: string;
  definitionId: string;
  elementId: string;
  /** the engine's execution id of the waiting user task: stable across recover */
  executionId: string;
  name: string;
  assignee: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  dueAt: string | null;
  followUpAt: string | null;
  priority: number;
  status: TaskStatus;
  formKey: string | null;
  formFields: FormField[];
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  /** while delegated: who keeps the task (absent on rows made before delegation existed) */
  owner?: string | null;
  delegationState?: DelegationState | null;
}

/** A task with what the inbox shows beside it, joined from its instance and definition. */
export interface InboxTaskRow extends TaskRow {
  processKey: string;
  processName: string;
  processVersion: number;
  businessKey: string | null;
}

export interface SavedFilterRow {
  id: string;
  name: string;
  owner: string;
  sharedWithGroup: string | null;
  query: TaskQuery;
  createdAt: string;
  updatedAt: string;
}

export interface TimerRow {
  id: string;
  instanceId: string;
  elementId: string;
  executionId: string;
  dueAt: string;
  expression: string | null;
}

export interface SubscriptionRow {
  id: string;
  instanceId: string;
  elementId: string;
  executionId: string;
  kind: 'message' | 'signal';
  name: string;
  /** the instance's business key, copied for correlation without a join */
  businessKey: string | null;
}

export interface JobRow {
  id: string;
  instanceId: string;
  definitionId: string;
  elementId: string;
  executionId: string;
  topic: string;
  variables: Record<string, unknown>;
  retries: number | null;
  workerId: string | null;
  lockExpiresAt: string | null;
  /** not handed out before this time (retry backoff) */
  availableAt: string;
  errorMessage: string | null;
  errorDetails: string | null;
  createdAt: string;
}

export interface IncidentRow {
  id: string;
  instanceId: string;
  definitionId: string;
  elementId: string;
  jobId: string | null;
  message: string;
  details: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface StoredEvent {
  /** global, increasing id over all instances (for the all-instances live stream) */
  gid: number;
  event: RuntimeEvent;
}

// ---------- commit ----------

/**
 * What an instance waits for after a step. Each list is the COMPLETE set for the instance: the store
 * inserts rows whose executionId is new, keeps rows whose executionId stays (claims and locks survive),
 * deletes timers/subscriptions/jobs that are gone, and marks open tasks that are gone `cancelled`.
 */
export interface Waits {
  tasks: TaskRow[];
  timers: TimerRow[];
  subscriptions: SubscriptionRow[];
  jobs: JobRow[];
}

export interface StepCommit {
  instanceId: string;
  /** the rev the command loaded; null when the step creates the instance */
  expectedRev: number | null;
  /** full instance fields for a create; the changed fields otherwise */
  instance: Partial<Omit<InstanceRow, 'id' | 'rev' | 'lastSeq'>> & { status: InstanceStatus };
  /** new history; the store numbers them lastSeq+1, lastSeq+2, ... */
  events: NewRuntimeEvent[];
  /** omitted = wait rows unchanged (e.g. a claim) */
  waits?: Waits;
  /** direct task changes applied before the waits are reconciled (complete, claim, assign) */
  taskUpdates?: { id: string; changes: Partial<Pick<TaskRow, 'assignee' | 'status' | 'completedAt' | 'completedBy' | 'dueAt' | 'followUpAt' | 'priority' | 'owner' | 'delegationState'>> }[];
  jobUpdates?: { id: string; changes: Partial<Pick<JobRow, 'retries' | 'workerId' | 'lockExpiresAt' | 'availableAt' | 'errorMessage' | 'errorDetails'>> }[];
  incidentsRaised?: IncidentRow[];
  incidentsResolved?: { id: string; resolvedAt: string }[];
  /**
   * The variables the instance had at `expectedRev`, when `instance.variables` changes them: the store
   * then rewrites only the variable-index rows of names that changed (else all of them).
   */
  variablesBefore?: Record<string, unknown>;
}

export interface StepResult {
  rev: number;
  events: StoredEvent[];
}

// ---------- queries ----------

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface InstanceFilter {
  status?: InstanceStatus;
  key?: string;
  version?: number;
  definitionId?: string;
  businessKey?: string;
  /** only instances with a token at this element */
  elementId?: string;
  parentInstanceId?: string;
  /** ISO times: started at or after / before */
  startedAfter?: string;
  startedBefore?: string;
  /** true: with an open incident; false: without */
  hasIncident?: boolean;
  /** conditions on top-level variables, all of which must hold (indexed in instance_variables) */
  variables?: VariableCondition[];
  limit?: number;
  cursor?: string;
}

export interface TaskFilter {
  status?: TaskStatus;
  assignee?: string;
  candidateGroup?: string;
  candidateUser?: string;
  instanceId?: string;
  unassigned?: boolean;
  /** restrict to tasks this user may see: assignee, owner, candidate user or one of the groups */
  visibleTo?: { username: string; groups: string[] };
  /** tasks where this user is a candidate: candidate user, or one of the groups */
  candidateOf?: { username: string; groups: string[] };
  processKey?: string;
  /** case-insensitive substring of the task name */
  taskName?: string;
  businessKey?: string;
  dueBefore?: string;
  dueAfter?: string;
  /** open and due before this instant */
  overdueAt?: string;
  priorityMin?: number;
  priorityMax?: number;
  createdAfter?: string;
  createdBefore?: string;
  /** conditions on the instance's variables, all of which must hold */
  variables?: TaskQuery['variables'];
  /** default: created, newest first */
  sort?: TaskQuery['sort'];
  order?: TaskQuery['order'];
  limit?: number;
  cursor?: string;
}

export interface Store extends MonitorStore {
  /** applies pending migrations; safe to call from several processes at once */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** the dialect, for logs and metrics only; code must not branch on it */
  readonly dialect: 'sqlite' | 'postgres';

  // users and sessions
  countUsers(): Promise<number>;
  insertUser(user: UserRow): Promise<void>;
  updateUser(id: string, changes: Partial<Omit<UserRow, 'id' | 'createdAt'>>): Promise<UserRow>;
  getUserById(id: string): Promise<UserRow | undefined>;
  getUserByUsername(username: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  insertSession(session: SessionRow): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRow | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  // diagrams (drafts)
  /** insert when `id` is new; otherwise update if `expectedRevision` matches (ConflictError if not) */
  saveDiagram(input: { id: string; name: string; xml: string; expectedRevision?: number; savedBy: string | null; now: string }): Promise<DiagramRow>;
  getDiagram(id: string): Promise<DiagramRow | undefined>;
  listDiagrams(): Promise<Omit<DiagramRow, 'xml'>[]>;
  deleteDiagram(id: string): Promise<boolean>;

  // definitions
  /**
   * Inserts the definition as the next version of its key unless a definition with the same key and
   * hash exists (then returns that one, `created: false`). Replaces the key's start triggers.
   * `operation`, when given, is appended to the operations log in the same transaction.
   */
  deployDefinition(input: Omit<DefinitionRow, 'version'>, triggers: Omit<StartTriggerRow, 'definitionId'>[], operation?: Pick<OperationRecord, 'actor' | 'at'>): Promise<{ definition: DefinitionRow; created: boolean }>;
  getDefinition(id: string): Promise<DefinitionRow | undefined>;
  getDefinitionByKey(key: string, version?: number): Promise<DefinitionRow | undefined>;
  listDefinitions(filter?: { key?: string }): Promise<Omit<DefinitionRow, 'xml'>[]>;
  /** start triggers of the latest version of each key */
  findStartTriggers(kind: StartTriggerRow['kind'], name?: string): Promise<StartTriggerRow[]>;

  // instances
  getInstance(id: string): Promise<InstanceRow | undefined>;
  listInstances(filter: InstanceFilter): Promise<Page<InstanceRow>>;
  countInstancesByStatus(filter?: { key?: string }): Promise<{ key: string; status: InstanceStatus; count: number }[]>;
  /** the only write path for an instance and the rows it waits on; ConflictError on a lost race */
  commitStep(step: StepCommit): Promise<StepResult>;

  // history
  listEvents(instanceId: string, afterSeq?: number, limit?: number): Promise<RuntimeEvent[]>;
  /** events of all instances after a global id, oldest first */
  listEventsAfter(gid: number, limit: number): Promise<StoredEvent[]>;
  /** per-element counts over all instances of a definition (heatmaps) */
  elementStats(definitionId: string): Promise<{ elementId: string; entered: number; completed: number; avgDurationMs: number | null }[]>;

  // tasks
  getTask(id: string): Promise<TaskRow | undefined>;
  listTasks(filter: TaskFilter): Promise<Page<TaskRow>>;
  /** listTasks with each task's process key, name, version and business key */
  listInboxTasks(filter: TaskFilter): Promise<Page<InboxTaskRow>>;
  /** how many tasks match (limit, cursor and sort are ignored) */
  countTasks(filter: TaskFilter): Promise<number>;

  // saved task filters
  saveFilter(row: SavedFilterRow): Promise<SavedFilterRow>;
  getFilter(id: string): Promise<SavedFilterRow | undefined>;
  /** filters owned by the user or shared with one of the groups, by name */
  listFilters(input: { owner: string; groups: string[] }): Promise<SavedFilterRow[]>;
  deleteFilter(id: string): Promise<boolean>;

  // timers: claimed with a lease so that one node fires each due timer (SKIP LOCKED on PostgreSQL)
  claimDueTimers(input: { now: string; limit: number; owner: string; leaseMs: number }): Promise<TimerRow[]>;
  /** earliest due time of any timer, to sleep exactly until then */
  nextTimerDue(): Promise<string | undefined>;
  getTimer(id: string): Promise<TimerRow | undefined>;

  // subscriptions
  findSubscriptions(input: { kind: 'message' | 'signal'; name: string; businessKey?: string; instanceId?: string }): Promise<SubscriptionRow[]>;

  // jobs
  /** locks up to maxJobs available jobs of the topics for workerId (SKIP LOCKED on PostgreSQL) */
  lockJobs(input: { workerId: string; topics: { topic: string; lockDurationMs: number }[]; maxJobs: number; now: string }): Promise<JobRow[]>;
  getJob(id: string): Promise<JobRow | undefined>;
  /** job changes that do not advance the instance (fail with retries left, extend lock, retry) */
  updateJob(id: string, changes: Partial<Pick<JobRow, 'retries' | 'workerId' | 'lockExpiresAt' | 'availableAt' | 'errorMessage' | 'errorDetails'>>, expect?: { workerId: string }): Promise<JobRow>;

  // incidents
  listIncidents(filter: { instanceId?: string; definitionId?: string; elementId?: string; open?: boolean }): Promise<IncidentRow[]>;
  getIncident(id: string): Promise<IncidentRow | undefined>;
}
