import { z } from 'zod';
import { Id, SaveFilterInput } from '@baton/shared';
import { authedProcedure, router } from '../trpc.js';

/** saved task filters: private, or shared with one of the owner's groups */
export const filtersRouter = router({
  save: authedProcedure.input(SaveFilterInput).mutation(({ ctx, input }) => ctx.services.filters.save(input, ctx.actor)),
  list: authedProcedure.query(async ({ ctx }) => ({ items: await ctx.services.filters.list(ctx.actor) })),
  remove: authedProcedure.input(z.object({ id: Id })).mutation(({ ctx, input }) => ctx.services.filters.remove(input.id, ctx.actor)),
});
