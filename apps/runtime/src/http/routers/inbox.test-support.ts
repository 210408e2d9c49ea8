/**
 * In-process harness for the inbox router tests: real services over a fresh SQLite file, users made
 * through the auth service, and a tRPC caller per user (the same procedures HTTP clients reach).
 */
import { readFileSync } from 'node:fs';
import type { Role } from '@baton/shared';
import { createEngineOptions } from '../../engine/engine-options.js';
import { createLogger } from '../../logger.js';
import { createServices, type Services } from '../../services/services.js';
import { openTestStore, type TestDialect } from '../../store/test-support/test-databases.js';
import { appRouter } from '../_app.js';

export const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

export interface InboxHarness {
  services: Services;
  /** creates the user and returns a caller acting as them */
  as(username: string, groups?: string[], roles?: Role[]): Promise<ReturnType<typeof appRouter.createCaller>>;
  admin: ReturnType<typeof appRouter.createCaller>;
  cleanup(): Promise<void>;
}

export async function openInboxHarness(dialect: TestDialect = 'sqlite'): Promise<InboxHarness> {
  const { store, cleanup } = await openTestStore(dialect);
  const engine = await createEngineOptions({ scriptsEnabled: false, cacheSize: 20 });
  const services = createServices({ store, logger: createLogger('silent'), engine });
  const as = async (username: string, groups: string[] = [], roles: Role[] = ['worker']) => {
    const existing = await store.getUserByUsername(username);
    const user = existing ?? (await services.auth.createUser({ username, password: 'password-123', groups, roles }));
    return appRouter.createCaller({ services, actor: { userId: user.id, username, groups: user.groups, roles: user.roles } });
  };
  const admin = await as('root', [], ['admin']);
  return {
    services,
    as,
    admin,
    async cleanup() {
      await services.scheduler.stop();
      services.host.evictAll();
      await cleanup();
    },
  };
}

/** runs `fn` and returns the tRPC error code it threw (or 'OK') */
export async function codeOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
    return 'OK';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

/** runs `fn` expecting a tRPC error; returns its message */
export async function messageOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}
