import { BulkInstancesInput, BulkRetryInput, HistoryInput, InstanceIdInput, ListInstancesInput, OnEventInput, SetVariablesInput, StartInstanceInput } from '@baton/shared';
import { TRPCError } from '@trpc/server';
import { authedProcedure, canMonitor, monitorProcedure, roleProcedure, router } from '../trpc.js';
import { streamEvents } from '../event-stream.js';

export const instancesRouter = router({
  start: authedProcedure.input(StartInstanceInput).mutation(({ ctx, input }) => ctx.services.instances.start(input, ctx.actor)),
  list: monitorProcedure.input(ListInstancesInput).query(({ ctx, input }) => ctx.services.instances.list(input)),
  get: monitorProcedure.input(InstanceIdInput).query(({ ctx, input }) => ctx.services.instances.get(input.id)),
  history: monitorProcedure.input(HistoryInput).query(async ({ ctx, input }) => ({ items: await ctx.services.instances.history(input.id, input.afterSeq, input.limit) })),
  cancel: roleProcedure('operator').input(InstanceIdInput).mutation(({ ctx, input }) => ctx.services.instances.cancel(input.id, ctx.actor)),
  setVariables: roleProcedure('operator').input(SetVariablesInput).mutation(({ ctx, input }) => ctx.services.instances.setVariables(input.id, input.variables, ctx.actor)),
  /** cancels each instance; one result per id (a failure does not stop the others) */
  bulkCancel: roleProcedure('operator').input(BulkInstancesInput).mutation(({ ctx, input }) => ctx.services.monitor.bulkCancel(input.ids, ctx.actor)),
  /** retries every open incident of each instance; one result per id */
  bulkRetry: roleProcedure('operator').input(BulkRetryInput).mutation(({ ctx, input }) => ctx.services.monitor.bulkRetry(input.ids, input.retries, ctx.actor)),
  /**
   * SSE: the backlog after lastEventId, then live events; every event is tracked so clients resume.
   * Task workers (no monitoring role) may follow all instances but receive only task.* events (the
   * inbox's live updates), never variables or one instance's full history.
   */
  onEvent: authedProcedure.input(OnEventInput).subscription(({ ctx, input, signal }) => {
    const monitors = canMonitor(ctx.actor);
    if (!monitors && input.instanceId) throw new TRPCError({ code: 'FORBIDDEN', message: "following one instance's history needs one of the roles: admin, operator, designer" });
    return streamEvents(ctx.services, input, signal, monitors ? undefined : (event) => event.type.startsWith('task.'));
  }),
});
