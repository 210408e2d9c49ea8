import { CreateUserInput, LoginInput, UpdateUserInput } from '@baton/shared';
import { authedProcedure, publicProcedure, roleProcedure, router } from '../trpc.js';
import { SESSION_COOKIE } from '../context.js';

export const authRouter = router({
  /** returns a bearer token; browsers also get it as an httpOnly, SameSite=Strict cookie */
  login: publicProcedure.input(LoginInput).mutation(async ({ ctx, input }) => {
    const { token, user, expiresAt } = await ctx.services.auth.login(input.username, input.password);
    ctx.res?.appendHeader('Set-Cookie', `${SESSION_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Expires=${new Date(expiresAt).toUTCString()}`);
    return { token, user, expiresAt };
  }),
  logout: authedProcedure.mutation(async ({ ctx }) => {
    if (ctx.token) await ctx.services.auth.logout(ctx.token);
    ctx.res?.appendHeader('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    return { ok: true };
  }),
  me: authedProcedure.query(({ ctx }) => ctx.services.auth.me(ctx.actor)),
});

export const usersRouter = router({
  list: roleProcedure('admin').query(({ ctx }) => ctx.services.auth.listUsers()),
  create: roleProcedure('admin').input(CreateUserInput).mutation(({ ctx, input }) => ctx.services.auth.createUser(input)),
  update: roleProcedure('admin').input(UpdateUserInput).mutation(({ ctx, input }) => ctx.services.auth.updateUser(input)),
  groups: authedProcedure.query(({ ctx }) => ctx.services.auth.groups()),
});
