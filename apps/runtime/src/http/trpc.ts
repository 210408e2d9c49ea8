/**
 * tRPC set-up: procedure tiers built from middleware (public -> authed -> role), and the one place
 * where domain errors become API codes. zod errors are flattened into a message a person can act on.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Role } from '@baton/shared';
import { BadRequestError, ConflictError, DomainError, ForbiddenError, NotFoundError, RateLimitedError, UnauthorizedError } from '../errors.js';
import type { Actor } from '../services/actor.js';
import type { Context } from './context.js';

function zodMessage(error: ZodError) {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : 'input'}: ${i.message}`)
    .join('; ');
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      message: cause instanceof ZodError ? `Invalid input — ${zodMessage(cause)}` : shape.message,
      data: { ...shape.data, stack: undefined, ...(cause instanceof ZodError ? { issues: cause.issues.map((i) => ({ path: i.path.map(String), message: i.message })) } : {}) },
    };
  },
});

function toTRPCError(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const code =
    error instanceof BadRequestError ? 'BAD_REQUEST'
    : error instanceof NotFoundError ? 'NOT_FOUND'
    : error instanceof ConflictError ? 'CONFLICT'
    : error instanceof ForbiddenError ? 'FORBIDDEN'
    : error instanceof UnauthorizedError ? 'UNAUTHORIZED'
    : error instanceof RateLimitedError ? 'TOO_MANY_REQUESTS'
    : 'INTERNAL_SERVER_ERROR';
  return new TRPCError({ code, message: error.message, cause: error });
}

const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error.cause);
    if (mapped instanceof TRPCError) throw mapped;
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(errorMapping);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'log in first (POST /trpc/auth.login, then send Authorization: Bearer <token>)' });
  return next({ ctx: { ...ctx, actor: ctx.actor as Actor } });
});

/** admins pass every role check */
export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!ctx.actor.roles.includes('admin') && !roles.some((r) => ctx.actor.roles.includes(r))) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `this needs one of the roles: ${['admin', ...roles].join(', ')}` });
    }
    return next();
  });
}

/** monitoring (instances, history, dashboard) is for operators and designers, not for task workers */
export function canMonitor(actor: Actor) {
  return actor.roles.some((r) => r === 'admin' || r === 'operator' || r === 'designer');
}
export const monitorProcedure = roleProcedure('operator', 'designer');
