/**
 * The authorization matrix: every procedure × every role (and nobody), asserting allow or 401/403.
 * "Allowed" means the call got past authentication and authorization (it may still fail validation
 * or find nothing: inputs here are deliberately empty). A procedure missing from the matrix fails the
 * test, so a new endpoint cannot ship without deciding who may call it. Owner/non-owner rules for
 * tasks are in tasks.router.test.ts and inbox.router.test.ts.
 */
import type { Role } from '@baton/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../test-support/test-runtime.js';
import { appRouter } from './_app.js';
import type { Actor } from '../services/actor.js';

type Access = 'public' | 'authed' | Role[];
const MONITOR: Role[] = ['operator', 'designer'];

const MATRIX: Record<string, Access> = {
  'auth.login': 'public',
  'auth.logout': 'authed',
  'auth.me': 'authed',
  'users.list': ['admin'],
  'users.create': ['admin'],
  'users.update': ['admin'],
  'users.groups': 'authed',
  'users.directory': 'authed',
  'diagrams.save': ['designer'],
  'diagrams.remove': ['designer'],
  'diagrams.list': MONITOR,
  'diagrams.get': MONITOR,
  'definitions.deploy': ['designer'],
  'definitions.list': 'authed',
  'definitions.get': 'authed',
  'definitions.stats': 'authed',
  'instances.start': 'authed',
  'instances.list': MONITOR,
  'instances.get': MONITOR,
  'instances.history': MONITOR,
  'instances.cancel': ['operator'],
  'instances.setVariables': ['operator'],
  'instances.bulkCancel': ['operator'],
  'instances.bulkRetry': ['operator'],
  'instances.onEvent': 'authed',
  'tasks.list': 'authed',
  'tasks.get': 'authed',
  'tasks.claim': 'authed',
  'tasks.unclaim': 'authed',
  'tasks.assign': 'authed',
  'tasks.complete': 'authed',
  'tasks.counts': 'authed',
  'tasks.update': 'authed',
  'tasks.delegate': 'authed',
  'tasks.resolve': 'authed',
  'tasks.comment': 'authed',
  'tasks.comments': 'authed',
  'tasks.history': 'authed',
  'tasks.startable': 'authed',
  'tasks.start': 'authed',
  'filters.save': 'authed',
  'filters.list': 'authed',
  'filters.remove': 'authed',
  'messages.correlate': 'authed',
  'signals.broadcast': 'authed',
  'jobs.fetchAndLock': 'authed',
  'jobs.complete': 'authed',
  'jobs.fail': 'authed',
  'jobs.bpmnError': 'authed',
  'jobs.extendLock': 'authed',
  'incidents.list': MONITOR,
  'incidents.retry': ['operator'],
  'operations.list': ['operator'],
  'stats.dashboard': MONITOR,
  'stats.sla': MONITOR,
};

const ROLES: Role[] = ['admin', 'designer', 'operator', 'worker'];
const procedures = Object.keys((appRouter as unknown as { _def: { procedures: Record<string, unknown> } })._def.procedures).sort();

let rt: TestRuntime;
const actors = new Map<Role, Actor>();
beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
  for (const role of ROLES) actors.set(role, role === 'admin' ? rt.admin : await rt.user(`matrix-${role}`, { roles: [role] }));
});
afterAll(() => rt.cleanup());

function expected(access: Access, role: Role | undefined): 'allow' | 'UNAUTHORIZED' | 'FORBIDDEN' {
  if (access === 'public') return 'allow';
  if (!role) return 'UNAUTHORIZED';
  if (access === 'authed' || role === 'admin' || access.includes(role)) return 'allow';
  return 'FORBIDDEN';
}

async function outcome(path: string, actor: Actor | undefined): Promise<string> {
  const caller = rt.as(actor) as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>;
  const [router, name] = path.split('.');
  try {
    const result = await caller[router][name](undefined);
    // subscriptions hand back an iterable: pull once so the middleware chain runs
    if (result && typeof (result as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
      const iterator = (result as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      await Promise.race([iterator.next(), new Promise((r) => setTimeout(r, 50))]);
      await iterator.return?.();
    }
    return 'allow';
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === 'UNAUTHORIZED' || code === 'FORBIDDEN' ? code : 'allow';
  }
}

describe('authorization matrix', () => {
  it('covers every procedure', () => {
    expect(procedures.filter((p) => !(p in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((p) => !procedures.includes(p))).toEqual([]);
  });

  it.each(procedures)('%s: each role is allowed or refused as the matrix says', async (path) => {
    const access = MATRIX[path];
    if (!access) return; // reported by the coverage test above
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const role of [undefined, ...ROLES]) {
      const key = role ?? 'nobody';
      got[key] = await outcome(path, role ? actors.get(role) : undefined);
      want[key] = expected(access, role);
    }
    expect(got).toEqual(want);
  });
});
