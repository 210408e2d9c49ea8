/**
 * The task inbox's use cases beyond claim/complete (task-service.ts): queue + filter + sort listing,
 * counts for the dashboard, the task detail with its form, due/follow-up/priority edits, delegation
 * (the owner keeps the task, the delegate works on it and resolves it back), a task's history, and
 * starting a process from its start form. Visibility is task-service's `canSee` everywhere: a user
 * sees (and acts on) tasks where they are assignee, owner, candidate user or in a candidate group;
 * operators and admins see all. Every change is one StepRunner commit (event + row, one transaction).
 */
import type { InboxTask, ListTasksInput, StartableProcess, TaskCounts, TaskForm, TaskHistoryEntry, UpdateTaskInput } from '@baton/shared';
import { BadRequestError, ConflictError, ForbiddenError } from '../errors.js';
import type { InboxTaskRow, Page, Store, TaskFilter, TaskRow } from '../store/store.js';
import type { Actor } from './actor.js';
import type { DefinitionService } from './definition-service.js';
import type { FormResolver } from './inbox-forms.js';
import { validateForm } from './inbox-form-validation.js';
import { taskHistory } from './inbox-history.js';
import type { InstanceService } from './instance-service.js';
import type { StepRunner } from './step-runner.js';
import { canSeeAll, toTask, type TaskService } from './task-service.js';

/** open tasks of one instance looked at to find the caller's next one */
const NEXT_TASK_SCAN = 200;

export function toInboxTask(row: InboxTaskRow): InboxTask {
  return { ...toTask(row), processKey: row.processKey, processName: row.processName, processVersion: row.processVersion, businessKey: row.businessKey };
}

/** maps the inbox query (queue + filters) onto the store filter, with the caller's visibility */
export function toTaskFilter(input: NonNullable<ListTasksInput>, actor: Actor, now: string): TaskFilter {
  const { queue, overdue, ...rest } = input;
  const me = { username: actor.username, groups: actor.groups };
  const filter: TaskFilter = { ...rest };
  if (overdue) filter.overdueAt = now;
  switch (queue) {
    case 'mine':
      filter.assignee = actor.username;
      break;
    case 'groups':
      filter.candidateOf = me;
      break;
    case 'unassigned':
      filter.unassigned = true;
      break;
    case 'completed':
      filter.status ??= 'completed';
      break;
    case 'all':
    case undefined:
      break;
    default: {
      const unreachable: never = queue;
      return unreachable;
    }
  }
  if (queue && queue !== 'completed') filter.status ??= 'open';
  if (!canSeeAll(actor)) filter.visibleTo = me;
  return filter;
}

export type TaskDetail = InboxTask & { variables: Record<string, unknown>; form: TaskForm };

export class InboxService {
  constructor(
    private readonly store: Store,
    private readonly steps: StepRunner,
    private readonly tasks: TaskService,
    private readonly definitions: DefinitionService,
    private readonly instances: InstanceService,
    private readonly forms: FormResolver,
  ) {}

  async list(input: ListTasksInput, actor: Actor): Promise<Page<InboxTask>> {
    const page = await this.store.listInboxTasks(toTaskFilter(input ?? {}, actor, new Date().toISOString()));
    return { items: page.items.map(toInboxTask), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async counts(actor: Actor): Promise<TaskCounts> {
    const now = new Date().toISOString();
    const count = (input: NonNullable<ListTasksInput>) => this.store.countTasks(toTaskFilter(input, actor, now));
    const [open, overdue, mine, mineOverdue, groups, unassigned] = await Promise.all([
      count({ queue: 'all' }),
      count({ queue: 'all', overdue: true }),
      count({ queue: 'mine' }),
      count({ queue: 'mine', overdue: true }),
      count({ queue: 'groups' }),
      count({ queue: 'unassigned' }),
    ]);
    return { open, overdue, mine, mineOverdue, groups, unassigned };
  }

  async get(id: string, actor: Actor): Promise<TaskDetail> {
    const task = await this.tasks.getRowOrThrow(id, actor);
    const [inbox, instance, form] = await Promise.all([this.inboxTask(id), this.store.getInstance(task.instanceId), this.forms.taskForm(task)]);
    return { ...inbox, variables: instance?.variables ?? {}, form };
  }

  /** the open task of the same instance the caller should do next: assigned to them first, else one they may claim */
  async nextFor(instanceId: string, actor: Actor): Promise<string | null> {
    // an instance has a handful of open tasks: one read, then pick (this runs after every completion)
    const { items } = await this.store.listTasks({ instanceId, status: 'open', sort: 'created', order: 'asc', limit: NEXT_TASK_SCAN });
    const mine = items.find((t) => t.assignee === actor.username);
    if (mine) return mine.id;
    const claimable = items.find((t) => !t.assignee && (t.candidateUsers.includes(actor.username) || t.candidateGroups.some((g) => actor.groups.includes(g))));
    return claimable?.id ?? null;
  }

  async update(input: UpdateTaskInput, actor: Actor): Promise<InboxTask> {
    const task = await this.tasks.getRowOrThrow(input.id, actor);
    const changes: { dueAt?: string | null; followUpAt?: string | null; priority?: number } = {};
    if (input.dueAt !== undefined) changes.dueAt = input.dueAt === null ? null : new Date(input.dueAt).toISOString();
    if (input.followUpAt !== undefined) changes.followUpAt = input.followUpAt === null ? null : new Date(input.followUpAt).toISOString();
    if (input.priority !== undefined) changes.priority = input.priority;
    if (Object.keys(changes).length === 0) throw new BadRequestError('nothing to change: send dueAt, followUpAt or priority');
    await this.steps.step(task.instanceId, null, {
      actor: actor.username,
      precheck: async () => {
        const fresh = await this.fresh(input.id);
        const mayEdit = canSeeAll(actor) || fresh.assignee === actor.username || fresh.owner === actor.username || fresh.assignee === null;
        if (!mayEdit) throw new ForbiddenError(`task "${fresh.name}" is assigned to ${fresh.assignee}; only they, its owner or an operator can change its dates and priority`);
      },
      leadingEvents: [{ type: 'task.updated', instanceId: task.instanceId, at: new Date().toISOString(), elementId: task.elementId, taskId: task.id, changes }],
      taskUpdates: [{ id: task.id, changes }],
    });
    return this.inboxTask(task.id);
  }

  async delegate(id: string, to: string, actor: Actor): Promise<InboxTask> {
    const task = await this.tasks.getRowOrThrow(id, actor);
    const target = await this.store.getUserByUsername(to);
    if (!target || target.disabled) throw new BadRequestError(`there is no active user named "${to}"; pick someone from the list`);
    if (to === actor.username) throw new BadRequestError('you cannot delegate a task to yourself');
    // a re-delegation keeps the original owner; the precheck refuses if the task changed since read
    const owner = task.delegationState === 'pending' && task.owner ? task.owner : (task.assignee ?? actor.username);
    await this.steps.step(task.instanceId, null, {
      actor: actor.username,
      precheck: async () => {
        const fresh = await this.fresh(id);
        if (!canSeeAll(actor) && fresh.assignee !== actor.username) throw new ForbiddenError(`claim task "${fresh.name}" before delegating it`);
        if (fresh.assignee !== task.assignee || (fresh.owner ?? null) !== (task.owner ?? null)) throw new ConflictError(`task "${fresh.name}" changed meanwhile; reload and try again`);
      },
      leadingEvents: [{ type: 'task.delegated', instanceId: task.instanceId, at: new Date().toISOString(), elementId: task.elementId, taskId: id, owner, assignee: to }],
      taskUpdates: [{ id, changes: { owner, assignee: to, delegationState: 'pending' } }],
    });
    return this.inboxTask(id);
  }

  async resolve(id: string, actor: Actor): Promise<InboxTask> {
    const task = await this.tasks.getRowOrThrow(id, actor);
    if (task.delegationState !== 'pending' || !task.owner) throw new ConflictError(`task "${task.name}" is not delegated; there is nothing to resolve`);
    const owner = task.owner;
    await this.steps.step(task.instanceId, null, {
      actor: actor.username,
      precheck: async () => {
        const fresh = await this.fresh(id);
        if (fresh.delegationState !== 'pending' || fresh.owner !== owner) throw new ConflictError(`task "${fresh.name}" is no longer delegated`);
        if (!canSeeAll(actor) && fresh.assignee !== actor.username) throw new ForbiddenError(`task "${fresh.name}" is delegated to ${fresh.assignee}; only they can resolve it`);
      },
      leadingEvents: [{ type: 'task.resolved', instanceId: task.instanceId, at: new Date().toISOString(), elementId: task.elementId, taskId: id, owner, previous: task.assignee }],
      taskUpdates: [{ id, changes: { assignee: owner, delegationState: 'resolved' } }],
    });
    return this.inboxTask(id);
  }

  async history(id: string, actor: Actor): Promise<TaskHistoryEntry[]> {
    const task = await this.tasks.getRowOrThrow(id, actor);
    return taskHistory(await this.store.listEvents(task.instanceId), id);
  }

  /** latest version of each process with a plain start event that the caller may start */
  async startable(actor: Actor): Promise<StartableProcess[]> {
    const latest = new Map<string, { id: string; version: number }>();
    for (const d of await this.store.listDefinitions()) {
      const seen = latest.get(d.key);
      if (!seen || d.version > seen.version) latest.set(d.key, { id: d.id, version: d.version });
    }
    const out: StartableProcess[] = [];
    for (const { id } of latest.values()) {
      const row = await this.definitions.getOrThrow(id);
      const start = await this.forms.startForm(row).catch(() => undefined);
      if (!start || !this.mayStart(actor, start.forms)) continue;
      out.push({ definitionId: row.id, key: row.key, name: row.name, version: row.version, form: start.form });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** starts the latest version after checking the values against its start form, as for a task */
  async start(input: { key: string; variables?: Record<string, unknown>; businessKey?: string }, actor: Actor): Promise<{ id: string; status: string; nextTaskId: string | null }> {
    const row = await this.definitions.getByKeyOrThrow(input.key);
    const start = await this.forms.startForm(row);
    if (!start) throw new BadRequestError(`process "${input.key}" has no plain start event; it starts by message, signal or timer`);
    if (!this.mayStart(actor, start.forms)) throw new ForbiddenError(`you may not start process "${input.key}" (camunda:candidateStarterUsers/Groups)`);
    const variables = input.variables ?? {};
    const problems = validateForm(start.form, variables);
    if (problems.length) throw new BadRequestError(`form values are invalid: ${problems.join('; ')}`);
    const started = await this.instances.start({ key: row.key, version: row.version, variables, ...(input.businessKey ? { businessKey: input.businessKey } : {}) }, actor);
    return { ...started, nextTaskId: await this.nextFor(started.id, actor) };
  }

  private mayStart(actor: Actor, forms: { starterUsers: string[]; starterGroups: string[] }): boolean {
    if (!forms.starterUsers.length && !forms.starterGroups.length) return true;
    return canSeeAll(actor) || forms.starterUsers.includes(actor.username) || forms.starterGroups.some((g) => actor.groups.includes(g));
  }

  private async fresh(id: string): Promise<TaskRow> {
    const task = await this.store.getTask(id);
    if (!task) throw new ConflictError(`task "${id}" is gone`);
    if (task.status !== 'open') throw new ConflictError(`task "${task.name}" is ${task.status}`);
    return task;
  }

  private async inboxTask(id: string): Promise<InboxTask> {
    const task = (await this.store.getTask(id))!;
    const [instance, definition] = await Promise.all([this.store.getInstance(task.instanceId), this.definitions.getOrThrow(task.definitionId)]);
    return { ...toTask(task), processKey: definition.key, processName: definition.name, processVersion: definition.version, businessKey: instance?.businessKey ?? null };
  }
}
