import { AssignTaskInput, CompleteTaskInput, ListTasksInput, TaskIdInput } from '@baton/shared';
import { authedProcedure, router } from '../trpc.js';

export const tasksRouter = router({
  list: authedProcedure.input(ListTasksInput).query(({ ctx, input }) => ctx.services.tasks.list(input, ctx.actor)),
  get: authedProcedure.input(TaskIdInput).query(({ ctx, input }) => ctx.services.tasks.get(input.id, ctx.actor)),
  claim: authedProcedure.input(TaskIdInput).mutation(({ ctx, input }) => ctx.services.tasks.claim(input.id, ctx.actor)),
  unclaim: authedProcedure.input(TaskIdInput).mutation(({ ctx, input }) => ctx.services.tasks.unclaim(input.id, ctx.actor)),
  assign: authedProcedure.input(AssignTaskInput).mutation(({ ctx, input }) => ctx.services.tasks.assign(input.id, input.assignee, ctx.actor)),
  complete: authedProcedure.input(CompleteTaskInput).mutation(({ ctx, input }) => ctx.services.tasks.complete(input.id, input.variables ?? {}, ctx.actor)),
});
