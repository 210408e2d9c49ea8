import { z } from 'zod';
import { DeployInput, Id } from '@baton/shared';
import { authedProcedure, roleProcedure, router } from '../trpc.js';

export const definitionsRouter = router({
  /** the same XML again keeps its version (`unchanged: true`); changed XML makes the next version */
  deploy: roleProcedure('designer').input(DeployInput).mutation(async ({ ctx, input }) => {
    const { id, key, version, unchanged } = await ctx.services.definitions.deploy(input, ctx.actor);
    return { id, key, version, unchanged };
  }),
  list: authedProcedure.input(z.object({ key: z.string().max(100).optional() }).optional()).query(async ({ ctx, input }) => ({ items: await ctx.services.definitions.list(input?.key) })),
  get: authedProcedure.input(z.object({ id: Id })).query(({ ctx, input }) => ctx.services.definitions.get(input.id)),
  stats: authedProcedure.input(z.object({ id: Id })).query(async ({ ctx, input }) => ({ items: await ctx.services.definitions.stats(input.id) })),
});
