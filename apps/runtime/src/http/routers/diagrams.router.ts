import { z } from 'zod';
import { Id, SaveDiagramInput } from '@baton/shared';
import { monitorProcedure, roleProcedure, router } from '../trpc.js';

export const diagramsRouter = router({
  save: roleProcedure('designer').input(SaveDiagramInput).mutation(({ ctx, input }) => ctx.services.diagrams.save(input, ctx.actor)),
  list: monitorProcedure.query(async ({ ctx }) => ({ items: await ctx.services.diagrams.list() })),
  get: monitorProcedure.input(z.object({ id: Id })).query(({ ctx, input }) => ctx.services.diagrams.get(input.id)),
  remove: roleProcedure('designer').input(z.object({ id: Id })).mutation(async ({ ctx, input }) => {
    await ctx.services.diagrams.remove(input.id);
    return { id: input.id };
  }),
});
