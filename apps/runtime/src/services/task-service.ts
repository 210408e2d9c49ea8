/**
 * Human tasks: visibility, claim/unclaim/assign and complete. Completion advances the instance through
 * the StepRunner in the same transaction that marks the task completed, so completing twice is a
 * CONFLICT and the second call changes nothing.
 */
import type { ListTasksInput, Task } from '@baton/shared';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import type { Page, Store, TaskRow } from '../store/store.js';
import { hasRole, type Actor } from './actor.js';
import type { StepRunner } from './step-runner.js';
import { validateFormValues } from './form-validation.js';
import type { FormResolver } from './inbox-forms.js';
import { validateForm } from './inbox-form-validation.js';

export function toTask(row: TaskRow): Task {
  return {
    id: row.id,
    instanceId: row.instanceId,
    definitionId: row.definitionId,
    elementId: row.elementId,
    name: row.name,
    assignee: row.assignee,
    candidateUsers: row.candidateUsers,
    candidateGroups: row.candidateGroups,
    dueAt: row.dueAt,
    followUpAt: row.followUpAt,
    priority: row.priority,
    status: row.status,
    formKey: row.formKey,
    formFields: row.formFields,
    createdAt: row.createdAt,
    completedAt: row.completedAt,
    completedBy: row.completedBy,
    ...(row.owner ? { owner: row.owner } : {}),
    ...(row.delegationState ? { delegationState: row.delegationState } : {}),
  };
}

export function canSeeAll(actor: Actor) {
  return hasRole(actor, 'operator');
}

export function canSee(actor: Actor, task: TaskRow) {
  return (
    canSeeAll(actor) ||
    task.assignee === actor.username ||
    (!!task.owner && task.owner === actor.username) ||
    task.candidateUsers.includes(actor.username) ||
    task.candidateGroups.some((g) => actor.groups.includes(g))
  );
}

export class TaskService {
  constructor(
    private readonly store: Store,
    private readonly steps: StepRunner,
    /** resolves linked form-js forms so completion validates against them too (inbox) */
    private readonly forms?: FormResolver,
  ) {}

  async list(input: ListTasksInput, actor: Actor): Promise<Page<Task>> {
    const filter = { ...(input ?? {}) };
    const page = await this.store.listTasks({ ...filter, ...(canSeeAll(actor) ? {} : { visibleTo: { username: actor.username, groups: actor.groups } }) });
    return { items: page.items.map(toTask), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }

  async getRowOrThrow(id: string, actor: Actor): Promise<TaskRow> {
    const task = await this.store.getTask(id);
    if (!task) throw new NotFoundError('task', id);
    if (!canSee(actor, task)) throw new ForbiddenError(`task "${id}" is not assigned to you or your groups`);
    return task;
  }

  async get(id: string, actor: Actor): Promise<Task & { variables: Record<string, unknown> }> {
    const task = await this.getRowOrThrow(id, actor);
    const instance = await this.store.getInstance(task.instanceId);
    return { ...toTask(task), variables: instance?.variables ?? {} };
  }

  async claim(id: string, actor: Actor): Promise<Task> {
    return this.changeAssignee(id, actor, actor.username, (task) => {
      if (task.assignee && task.assignee !== actor.username) throw new ConflictError(`task "${task.name}" is already claimed by ${task.assignee}`);
    });
  }

  async unclaim(id: string, actor: Actor): Promise<Task> {
    return this.changeAssignee(id, actor, null, (task) => {
      if (task.assignee && task.assignee !== actor.username && !canSeeAll(actor)) throw new ForbiddenError(`task "${task.name}" is claimed by ${task.assignee}; only they or an operator can unclaim it`);
    });
  }

  async assign(id: string, assignee: string | null, actor: Actor): Promise<Task> {
    return this.changeAssignee(id, actor, assignee, (task) => {
      if (!canSeeAll(actor) && task.assignee && task.assignee !== actor.username) throw new ForbiddenError(`task "${task.name}" is assigned to ${task.assignee}; only they or an operator can reassign it`);
    });
  }

  private async changeAssignee(id: string, actor: Actor, assignee: string | null, check: (task: TaskRow) => void): Promise<Task> {
    const task = await this.getRowOrThrow(id, actor);
    await this.steps.step(task.instanceId, null, {
      actor: actor.username,
      precheck: async () => {
        const fresh = (await this.store.getTask(id))!;
        if (fresh.status !== 'open') throw new ConflictError(`task "${fresh.name}" is ${fresh.status}`);
        check(fresh);
      },
      leadingEvents: [{ type: 'task.assigned', instanceId: task.instanceId, at: new Date().toISOString(), elementId: task.elementId, taskId: id, assignee, previous: task.assignee }],
      taskUpdates: [{ id, changes: { assignee } }],
    });
    return toTask((await this.store.getTask(id))!);
  }

  async complete(id: string, variables: Record<string, unknown>, actor: Actor): Promise<Task> {
    const task = await this.getRowOrThrow(id, actor);
    const problems = this.forms ? validateForm(await this.forms.taskForm(task), variables) : validateFormValues(task.formFields, variables);
    if (problems.length) throw new BadRequestError(`form values are invalid: ${problems.join('; ')}`);
    const now = new Date().toISOString();
    let checked = task;
    await this.steps.step(
      task.instanceId,
      { type: 'signal', executionId: task.executionId, variables },
      {
        actor: actor.username,
        precheck: async () => {
          const fresh = (await this.store.getTask(id))!;
          checked = fresh;
          if (fresh.status !== 'open') throw new ConflictError(`task "${fresh.name}" is already ${fresh.status}${fresh.completedBy ? ` by ${fresh.completedBy}` : ''}`);
          if (fresh.delegationState === 'pending') throw new ConflictError(`task "${fresh.name}" is delegated to ${fresh.assignee}; they resolve it back to ${fresh.owner}, who completes it`);
          if (!canSeeAll(actor) && fresh.assignee !== actor.username) {
            throw fresh.assignee
              ? new ForbiddenError(`task "${fresh.name}" is assigned to ${fresh.assignee}`)
              : new ConflictError(`claim task "${fresh.name}" before completing it`);
          }
        },
        leadingEvents: [
          ...(Object.keys(variables).length ? [{ type: 'variables.updated' as const, instanceId: task.instanceId, at: now, names: Object.keys(variables), values: variables }] : []),
          { type: 'task.completed', instanceId: task.instanceId, at: now, elementId: task.elementId, taskId: id },
        ],
        taskUpdates: [{ id, changes: { status: 'completed', completedAt: now, completedBy: actor.username } }],
      },
    );
    // the row as committed (read under the instance's lock, then these changes), without reading it back
    return toTask({ ...checked, status: 'completed', completedAt: now, completedBy: actor.username });
  }
}
