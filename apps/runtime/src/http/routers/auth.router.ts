import { TRPCError } from '@trpc/server';
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
  /** edit groups/roles/display name, reset the password (`password`), disable (`disabled: true`) */
  update: roleProcedure('admin').input(UpdateUserInput).mutation(({ ctx, input }) => {
    if (input.id === ctx.actor.userId && (input.disabled || (input.roles && !input.roles.includes('admin')))) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'you cannot disable yourself or remove your own admin role; ask another admin' });
    }
    return ctx.services.auth.updateUser(input);
  }),
  groups: authedProcedure.query(({ ctx }) => ctx.services.auth.groups()),
  /** who a task can be assigned or delegated to: active users' names and groups (any logged-in user) */
  directory: authedProcedure.query(async ({ ctx }) => ({
    items: (await ctx.services.auth.listUsers()).filter((u) => !u.disabled).map((u) => ({ username: u.username, displayName: u.displayName, groups: u.groups })),
  })),
});
