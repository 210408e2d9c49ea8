import { z } from 'zod';
import { AssignTaskInput, CommentTaskInput, CompleteTaskInput, DelegateTaskInput, ListTasksInput, TaskIdInput, UpdateTaskInput } from '@baton/shared';
import { authedProcedure, router } from '../trpc.js';

export const tasksRouter = router({
  /** queue + filters + sort, keyset-paged; each task with its process and business key */
  list: authedProcedure.input(ListTasksInput).query(({ ctx, input }) => ctx.services.inbox.list(input, ctx.actor)),
  /** open / overdue / mine / groups / unassigned counts of what the caller can see (dashboard, queue badges) */
  counts: authedProcedure.query(({ ctx }) => ctx.services.inbox.counts(ctx.actor)),
  /** the task with its process, the instance's variables and the form to fill in */
  get: authedProcedure.input(TaskIdInput).query(({ ctx, input }) => ctx.services.inbox.get(input.id, ctx.actor)),
  claim: authedProcedure.input(TaskIdInput).mutation(({ ctx, input }) => ctx.services.tasks.claim(input.id, ctx.actor)),
  unclaim: authedProcedure.input(TaskIdInput).mutation(({ ctx, input }) => ctx.services.tasks.unclaim(input.id, ctx.actor)),
  assign: authedProcedure.input(AssignTaskInput).mutation(({ ctx, input }) => ctx.services.tasks.assign(input.id, input.assignee, ctx.actor)),
  /** completes with the form's values; `nextTaskId` is the caller's next open task in the same instance */
  complete: authedProcedure.input(CompleteTaskInput).mutation(async ({ ctx, input }) => {
    const task = await ctx.services.tasks.complete(input.id, input.variables ?? {}, ctx.actor);
    return { ...task, nextTaskId: await ctx.services.inbox.nextFor(task.instanceId, ctx.actor) };
  }),
  update: authedProcedure.input(UpdateTaskInput).mutation(({ ctx, input }) => ctx.services.inbox.update(input, ctx.actor)),
  delegate: authedProcedure.input(DelegateTaskInput).mutation(({ ctx, input }) => ctx.services.inbox.delegate(input.id, input.to, ctx.actor)),
  resolve: authedProcedure.input(TaskIdInput).mutation(({ ctx, input }) => ctx.services.inbox.resolve(input.id, ctx.actor)),
  comment: authedProcedure.input(CommentTaskInput).mutation(({ ctx, input }) => ctx.services.comments.comment(input.id, input.message, ctx.actor)),
  comments: authedProcedure.input(TaskIdInput).query(async ({ ctx, input }) => ({ items: await ctx.services.comments.list(input.id, ctx.actor) })),
  history: authedProcedure.input(TaskIdInput).query(async ({ ctx, input }) => ({ items: await ctx.services.inbox.history(input.id, ctx.actor) })),
  /** processes the caller may start from the inbox (latest versions), each with its start form */
  startable: authedProcedure.query(async ({ ctx }) => ({ items: await ctx.services.inbox.startable(ctx.actor) })),
  /** starts a process after validating the values against its start form */
  start: authedProcedure
    .input(z.object({ key: z.string().min(1).max(100), variables: CompleteTaskInput.shape.variables, businessKey: z.string().max(200).optional() }))
    .mutation(({ ctx, input }) => ctx.services.inbox.start(input, ctx.actor)),
});
