import { z } from 'zod';
import { BpmnErrorJobInput, CompleteJobInput, ExtendLockInput, FailJobInput, FetchAndLockInput, Id } from '@baton/shared';
import { authedProcedure, monitorProcedure, roleProcedure, router } from '../trpc.js';

export const jobsRouter = router({
  /** long-polls up to asyncResponseTimeoutMs when no job is available */
  fetchAndLock: authedProcedure.input(FetchAndLockInput).mutation(({ ctx, input, signal }) => ctx.services.jobs.fetchAndLock(input, signal)),
  complete: authedProcedure.input(CompleteJobInput).mutation(({ ctx, input }) => ctx.services.jobs.complete(input.id, input.workerId, input.variables)),
  fail: authedProcedure.input(FailJobInput).mutation(({ ctx, input }) => ctx.services.jobs.fail(input)),
  bpmnError: authedProcedure.input(BpmnErrorJobInput).mutation(({ ctx, input }) => ctx.services.jobs.bpmnError(input.id, input.workerId, input.errorCode, input.errorMessage, input.variables)),
  extendLock: authedProcedure.input(ExtendLockInput).mutation(({ ctx, input }) => ctx.services.jobs.extendLock(input.id, input.workerId, input.newDurationMs)),
});

export const incidentsRouter = router({
  list: monitorProcedure
    .input(z.object({ instanceId: Id.optional(), definitionId: Id.optional(), elementId: z.string().max(100).optional(), open: z.boolean().optional() }).optional())
    .query(async ({ ctx, input }) => ({ items: await ctx.services.jobs.listIncidents({ open: true, ...(input ?? {}) }) })),
  retry: roleProcedure('operator').input(z.object({ id: Id, retries: z.number().int().min(1).max(100).default(1) })).mutation(({ ctx, input }) => ctx.services.jobs.retryIncident(input.id, input.retries, ctx.actor.username)),
});
