import { BulkInstancesInput, BulkRetryInput, HistoryInput, InstanceIdInput, ListInstancesInput, OnEventInput, SetVariablesInput, StartInstanceInput } from '@baton/shared';
import { authedProcedure, roleProcedure, router } from '../trpc.js';
import { streamEvents } from '../event-stream.js';

export const instancesRouter = router({
  start: authedProcedure.input(StartInstanceInput).mutation(({ ctx, input }) => ctx.services.instances.start(input, ctx.actor)),
  list: authedProcedure.input(ListInstancesInput).query(({ ctx, input }) => ctx.services.instances.list(input)),
  get: authedProcedure.input(InstanceIdInput).query(({ ctx, input }) => ctx.services.instances.get(input.id)),
  history: authedProcedure.input(HistoryInput).query(async ({ ctx, input }) => ({ items: await ctx.services.instances.history(input.id, input.afterSeq, input.limit) })),
  cancel: roleProcedure('operator').input(InstanceIdInput).mutation(({ ctx, input }) => ctx.services.instances.cancel(input.id, ctx.actor)),
  setVariables: roleProcedure('operator').input(SetVariablesInput).mutation(({ ctx, input }) => ctx.services.instances.setVariables(input.id, input.variables, ctx.actor)),
  /** cancels each instance; one result per id (a failure does not stop the others) */
  bulkCancel: roleProcedure('operator').input(BulkInstancesInput).mutation(({ ctx, input }) => ctx.services.monitor.bulkCancel(input.ids, ctx.actor)),
  /** retries every open incident of each instance; one result per id */
  bulkRetry: roleProcedure('operator').input(BulkRetryInput).mutation(({ ctx, input }) => ctx.services.monitor.bulkRetry(input.ids, input.retries, ctx.actor)),
  /** SSE: the backlog after lastEventId, then live events; every event is tracked so clients resume */
  onEvent: authedProcedure.input(OnEventInput).subscription(({ ctx, input, signal }) => streamEvents(ctx.services, input, signal)),
});
