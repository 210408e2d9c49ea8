import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../store/test-support/test-databases.js';
import { codeOf, openInboxHarness, type InboxHarness } from './inbox.test-support.js';

describe.each(TEST_DIALECTS)('filters router — saved task filters on %s', (dialect) => {
  let h: InboxHarness;
  beforeAll(async () => {
    h = await openInboxHarness(dialect);
  });
  afterAll(async () => h.cleanup());

  it('given a private and a shared filter, then group members list only the shared one and only the owner may change or remove it', async () => {
    const rita = await h.as('rita', ['reviewers']);
    const sam = await h.as('sam', ['reviewers']);
    const olga = await h.as('olga', ['sales']);
    const mine = await rita.filters.save({ name: 'Mine, urgent', query: { queue: 'mine', priorityMin: 75 } });
    const shared = await rita.filters.save({ name: 'Team overdue', sharedWithGroup: 'reviewers', query: { queue: 'groups', overdue: true, sort: 'due' } });
    expect(mine).toMatchObject({ owner: 'rita', sharedWithGroup: null, query: { queue: 'mine', priorityMin: 75 } });
    expect((await rita.filters.list()).items.map((f) => f.name)).toEqual(['Mine, urgent', 'Team overdue']);
    expect((await sam.filters.list()).items.map((f) => f.id)).toEqual([shared.id]);
    expect((await olga.filters.list()).items).toEqual([]);
    expect(await codeOf(() => sam.filters.save({ id: shared.id, name: 'hijack', query: {} }))).toBe('FORBIDDEN');
    expect(await codeOf(() => sam.filters.remove({ id: shared.id }))).toBe('FORBIDDEN');
    expect(await codeOf(() => olga.filters.save({ name: 'x', sharedWithGroup: 'reviewers', query: {} }))).toBe('BAD_REQUEST');
    expect(await codeOf(() => rita.filters.save({ name: '', query: {} }))).toBe('BAD_REQUEST');
    const renamed = await rita.filters.save({ id: shared.id, name: 'Team overdue (due first)', sharedWithGroup: 'reviewers', query: { queue: 'groups', overdue: true } });
    expect(renamed).toMatchObject({ id: shared.id, createdAt: shared.createdAt });
    await rita.filters.remove({ id: mine.id });
    expect(await codeOf(() => rita.filters.remove({ id: mine.id }))).toBe('NOT_FOUND');
    expect((await h.admin.filters.remove({ id: shared.id })).id).toBe(shared.id);
  });
});
