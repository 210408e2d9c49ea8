/**
 * A real runtime in-process for API tests: a real SQLite file (or a fresh PostgreSQL database), the
 * real engine options (expressions, QuickJS scripts) and the real router, called through tRPC's
 * server-side caller. Nothing is mocked.
 */
import type { Role } from '@baton/shared';
import { pino } from 'pino';
import { createEngineOptions } from '../engine/engine-options.js';
import { appRouter } from '../http/_app.js';
import type { Actor } from '../services/actor.js';
import { createServices, type Services } from '../services/services.js';
import { openTestStore, type TestDialect } from '../store/test-support/test-databases.js';

export interface TestRuntime {
  services: Services;
  /** a tRPC caller acting as the given user (undefined = not logged in) */
  as(actor?: Actor): ReturnType<typeof appRouter.createCaller>;
  admin: Actor;
  /** the SQLite file or the PostgreSQL URL of this runtime's database */
  location: string;
  /** creates a user and returns its actor */
  user(username: string, options?: { groups?: string[]; roles?: Role[] }): Promise<Actor>;
  cleanup(): Promise<void>;
}

export async function createTestRuntime(dialect: TestDialect = 'sqlite'): Promise<TestRuntime> {
  const db = await openTestStore(dialect);
  const engine = await createEngineOptions({ scriptsEnabled: true, cacheSize: 50 });
  const services = createServices({ store: db.store, logger: pino({ level: 'silent' }), engine });
  await services.auth.bootstrapAdmin('admin-password');
  const adminRow = (await db.store.getUserByUsername('admin'))!;
  const admin: Actor = { userId: adminRow.id, username: 'admin', groups: adminRow.groups, roles: adminRow.roles };
  return {
    services,
    admin,
    location: db.location,
    as: (actor?: Actor) => appRouter.createCaller({ services, ...(actor ? { actor } : {}) }),
    async user(username, options = {}) {
      const user = await services.auth.createUser({ username, password: 'password-123', groups: options.groups ?? [], roles: options.roles ?? ['worker'] });
      return { userId: user.id, username: user.username, groups: user.groups, roles: user.roles };
    },
    async cleanup() {
      await services.scheduler.stop();
      services.host.evictAll();
      await db.cleanup();
    },
  };
}

/** a BPMN document around process elements, for short fixtures inside tests */
export function bpmn(processId: string, body: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs_${processId}" targetNamespace="http://baton.dev/test">
  ${extra}
  <process id="${processId}" isExecutable="true">
    ${body}
  </process>
</definitions>`;
}
