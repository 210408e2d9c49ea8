/**
 * Comments on tasks. A comment is a `task.commented` RuntimeEvent on the task's instance (appended by
 * the StepRunner under the instance's rev check), so it is part of the audit history, streams live
 * like every other event, and needs no table of its own. Anyone who may see a task may comment on it,
 * also after it is completed.
 */
import { randomUUID } from 'node:crypto';
import type { TaskHistoryEntry } from '@baton/shared';
import type { Store } from '../store/store.js';
import type { Actor } from './actor.js';
import { taskHistory } from './inbox-history.js';
import type { StepRunner } from './step-runner.js';
import type { TaskService } from './task-service.js';

export interface TaskComment {
  id: string;
  author: string | null;
  at: string;
  message: string;
}

export class CommentService {
  constructor(
    private readonly store: Store,
    private readonly steps: StepRunner,
    private readonly tasks: TaskService,
  ) {}

  async comment(taskId: string, message: string, actor: Actor): Promise<TaskComment> {
    const task = await this.tasks.getRowOrThrow(taskId, actor);
    const id = randomUUID();
    const at = new Date().toISOString();
    await this.steps.step(task.instanceId, null, {
      actor: actor.username,
      leadingEvents: [{ type: 'task.commented', instanceId: task.instanceId, at, elementId: task.elementId, taskId, commentId: id, message }],
    });
    return { id, author: actor.username, at, message };
  }

  async list(taskId: string, actor: Actor): Promise<TaskComment[]> {
    const task = await this.tasks.getRowOrThrow(taskId, actor);
    return taskHistory(await this.store.listEvents(task.instanceId), taskId)
      .filter((e): e is TaskHistoryEntry & { commentId: string } => e.type === 'commented' && !!e.commentId)
      .map((e) => ({ id: e.commentId, author: e.actor, at: e.at, message: e.detail ?? '' }));
  }
}
