import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../store/test-support/test-databases.js';
import { codeOf, fixture, messageOf, openInboxHarness, type InboxHarness } from './inbox.test-support.js';

type Caller = Awaited<ReturnType<InboxHarness['as']>>;

describe.each(TEST_DIALECTS)('tasks router — inbox on %s', (dialect) => {
  let h: InboxHarness;
  let rita: Caller; // reviewers
  let sam: Caller; // reviewers
  let olga: Caller; // outsider
  let ann: Caller; // assignee-only
  let op: Caller; // operator

  beforeAll(async () => {
    h = await openInboxHarness(dialect);
    rita = await h.as('rita', ['reviewers']);
    sam = await h.as('sam', ['reviewers']);
    olga = await h.as('olga', ['sales']);
    ann = await h.as('ann', ['errands']);
    op = await h.as('oscar', [], ['operator']);
    await h.admin.definitions.deploy({ xml: fixture('inbox-review.bpmn') });
    await h.admin.definitions.deploy({ xml: fixture('inbox-assignee.bpmn') });
    await h.admin.definitions.deploy({ xml: fixture('inbox-formjs.bpmn') });
  });
  afterAll(async () => h.cleanup());

  const startReview = async (vars: Record<string, unknown> = {}, businessKey?: string) => {
    const { id } = await h.admin.instances.start({ key: 'inbox_review', variables: { requester: 'x', due: null, prio: 50, ...vars }, ...(businessKey ? { businessKey } : {}) });
    const task = (await h.admin.tasks.list({ instanceId: id, status: 'open' })).items[0];
    return { instanceId: id, task };
  };

  describe('authorization', () => {
    it('given a group task, when a user outside the group reads, claims or completes it, then FORBIDDEN; the group member may', async () => {
      const { task } = await startReview();
      expect(await codeOf(() => olga.tasks.get({ id: task.id }))).toBe('FORBIDDEN');
      expect(await codeOf(() => olga.tasks.claim({ id: task.id }))).toBe('FORBIDDEN');
      expect(await codeOf(() => olga.tasks.complete({ id: task.id, variables: { approved: true } }))).toBe('FORBIDDEN');
      expect(await codeOf(() => olga.tasks.history({ id: task.id }))).toBe('FORBIDDEN');
      expect(await codeOf(() => olga.tasks.comment({ id: task.id, message: 'hi' }))).toBe('FORBIDDEN');
      expect(await codeOf(() => olga.tasks.update({ id: task.id, priority: 10 }))).toBe('FORBIDDEN');
      expect(await codeOf(() => olga.tasks.delegate({ id: task.id, to: 'sam' }))).toBe('FORBIDDEN');
      expect((await olga.tasks.list({ queue: 'all' })).items.map((t) => t.id)).not.toContain(task.id);
      expect(await codeOf(() => rita.tasks.get({ id: task.id }))).toBe('OK');
    });

    it('given an assignee-only task, then only the assignee (and operators) see it', async () => {
      const { id } = await h.admin.instances.start({ key: 'inbox_personal' });
      const task = (await h.admin.tasks.list({ instanceId: id })).items[0];
      expect((await ann.tasks.list({ queue: 'mine' })).items.map((t) => t.id)).toContain(task.id);
      for (const other of [rita, olga]) {
        expect((await other.tasks.list({ queue: 'all' })).items.map((t) => t.id)).not.toContain(task.id);
        expect(await codeOf(() => other.tasks.get({ id: task.id }))).toBe('FORBIDDEN');
        expect(await codeOf(() => other.tasks.claim({ id: task.id }))).toBe('FORBIDDEN');
      }
      expect((await op.tasks.list({ queue: 'all' })).items.map((t) => t.id)).toContain(task.id);
    });

    it('given an unclaimed group task, when a member completes it without claiming, then CONFLICT; claimed by another member, then FORBIDDEN', async () => {
      const { task } = await startReview();
      expect(await codeOf(() => rita.tasks.complete({ id: task.id, variables: { approved: true } }))).toBe('CONFLICT');
      await sam.tasks.claim({ id: task.id });
      expect(await codeOf(() => rita.tasks.claim({ id: task.id }))).toBe('CONFLICT');
      expect(await codeOf(() => rita.tasks.complete({ id: task.id, variables: { approved: true } }))).toBe('FORBIDDEN');
      expect(await codeOf(() => rita.tasks.unclaim({ id: task.id }))).toBe('FORBIDDEN');
      expect(await codeOf(() => rita.tasks.assign({ id: task.id, assignee: 'rita' }))).toBe('FORBIDDEN');
    });

    it('given no session, then every procedure is UNAUTHORIZED', async () => {
      const { appRouter } = await import('../_app.js');
      const anon = appRouter.createCaller({ services: h.services });
      expect(await codeOf(() => anon.tasks.list({}))).toBe('UNAUTHORIZED');
      expect(await codeOf(() => anon.tasks.counts())).toBe('UNAUTHORIZED');
      expect(await codeOf(() => anon.filters.list())).toBe('UNAUTHORIZED');
    });
  });

  describe('generated form validation', () => {
    it('given a claimed task with formData, when values are missing or of the wrong type, then BAD_REQUEST naming the field', async () => {
      const { task } = await startReview();
      await rita.tasks.claim({ id: task.id });
      const cases: [Record<string, unknown>, string][] = [
        [{}, 'approved'],
        [{ approved: 'yes' }, 'approved'],
        [{ approved: true, score: 1.5 }, 'score'],
        [{ approved: true, score: '3' }, 'score'],
        [{ approved: true, decision: 'burn' }, 'decision'],
        [{ approved: true, paidOn: 'not a date' }, 'paidOn'],
        [{ approved: true, note: 42 }, 'note'],
      ];
      for (const [variables, field] of cases) {
        expect(await codeOf(() => rita.tasks.complete({ id: task.id, variables }))).toBe('BAD_REQUEST');
        expect(await messageOf(() => rita.tasks.complete({ id: task.id, variables }))).toContain(`(${field})`);
      }
      const done = await rita.tasks.complete({ id: task.id, variables: { approved: true, score: 4, decision: 'pay', paidOn: '2025-01-02', note: 'ok' } });
      expect(done.status).toBe('completed');
      // the next task of the same instance for rita (a reviewers task) is offered
      expect(done.nextTaskId).toBeTruthy();
      expect((await rita.tasks.get({ id: done.nextTaskId! })).name).toBe('Archive invoice');
    });
  });

  describe('form-js form', () => {
    it('given a task linked to an embedded form-js form, then get serves the schema and complete validates against it', async () => {
      const { id } = await h.admin.instances.start({ key: 'inbox_formjs', variables: { comment: 'prefilled' } });
      const task = (await h.admin.tasks.list({ instanceId: id })).items[0];
      const detail = await rita.tasks.get({ id: task.id });
      expect(detail.form.kind).toBe('formjs');
      expect(detail.form.kind === 'formjs' && detail.form.formId).toBe('form-rate');
      expect(detail.variables).toEqual({ comment: 'prefilled' });
      await rita.tasks.claim({ id: task.id });
      for (const [variables, field] of [
        [{}, 'comment'],
        [{ comment: 'no' }, 'comment'],
        [{ comment: 'fine', stars: 9 }, 'stars'],
        [{ comment: 'fine', stars: 'many' }, 'stars'],
        [{ comment: 'fine', tier: 'bronze' }, 'tier'],
      ] as const) {
        expect(await messageOf(() => rita.tasks.complete({ id: task.id, variables }))).toContain(`(${field})`);
      }
      expect((await rita.tasks.complete({ id: task.id, variables: { comment: 'fine', stars: 5, tier: 'gold' } })).status).toBe('completed');
    });

    it('given a task without any form, then the form is the variables editor', async () => {
      const { id } = await h.admin.instances.start({ key: 'inbox_personal' });
      const task = (await h.admin.tasks.list({ instanceId: id })).items[0];
      expect((await ann.tasks.get({ id: task.id })).form).toEqual({ kind: 'variables' });
    });
  });

  describe('queues, filters, sort and paging', () => {
    it('given tasks in several states, then each queue holds what its name says', async () => {
      const a = await startReview({}, 'Q-A');
      const b = await startReview({}, 'Q-B');
      await sam.tasks.claim({ id: b.task.id });
      const ids = async (c: Caller, queue: 'mine' | 'groups' | 'unassigned' | 'completed' | 'all') => (await c.tasks.list({ queue, limit: 500 })).items.map((t) => t.id);
      expect(await ids(sam, 'mine')).toContain(b.task.id);
      expect(await ids(sam, 'mine')).not.toContain(a.task.id);
      expect(await ids(rita, 'groups')).toEqual(expect.arrayContaining([a.task.id, b.task.id]));
      expect(await ids(rita, 'unassigned')).toContain(a.task.id);
      expect(await ids(rita, 'unassigned')).not.toContain(b.task.id);
      await sam.tasks.complete({ id: b.task.id, variables: { approved: false } });
      expect(await ids(sam, 'completed')).toContain(b.task.id);
      expect(await ids(sam, 'mine')).not.toContain(b.task.id);
      const card = (await rita.tasks.list({ queue: 'unassigned', businessKey: 'Q-A' })).items[0];
      expect(card).toMatchObject({ id: a.task.id, processKey: 'inbox_review', processName: 'Invoice review', processVersion: 1, businessKey: 'Q-A' });
    });

    it('given due dates, then overdue, due before/after filter and the due sort put undated tasks last', async () => {
      const past = await startReview({ due: '2001-01-01T00:00:00.000Z' }, 'DUE-1');
      const soon = await startReview({ due: '2999-01-01T00:00:00.000Z' }, 'DUE-2');
      const none = await startReview({}, 'DUE-3');
      const overdue = (await rita.tasks.list({ queue: 'all', overdue: true })).items.map((t) => t.id);
      expect(overdue).toContain(past.task.id);
      expect(overdue).not.toContain(soon.task.id);
      expect(overdue).not.toContain(none.task.id);
      expect((await rita.tasks.list({ dueBefore: '2500-01-01', businessKey: 'DUE-1' })).items).toHaveLength(1);
      expect((await rita.tasks.list({ dueAfter: '2500-01-01', businessKey: 'DUE-1' })).items).toHaveLength(0);
      const sorted = (await rita.tasks.list({ queue: 'all', sort: 'due', limit: 500 })).items.map((t) => t.id);
      expect(sorted.indexOf(past.task.id)).toBeLessThan(sorted.indexOf(soon.task.id));
      expect(sorted.indexOf(soon.task.id)).toBeLessThan(sorted.indexOf(none.task.id));
      const counts = await rita.tasks.counts();
      expect(counts.overdue).toBeGreaterThanOrEqual(1);
      expect(counts.open).toBeGreaterThanOrEqual(counts.overdue);
      expect((await olga.tasks.counts()).overdue).toBe(0);
    });

    it('given priorities, names, keys and variables, then each filter narrows the list', async () => {
      const hi = await startReview({ prio: 90, region: 'north', total: 1500, tags: ['urgent'] }, 'F-HI');
      const lo = await startReview({ prio: 10, region: 'south', total: 200 }, 'F-LO');
      const pick = async (input: Parameters<Caller['tasks']['list']>[0]) => (await rita.tasks.list({ queue: 'all', limit: 500, ...input })).items.map((t) => t.id);
      expect(await pick({ priorityMin: 80 })).toContain(hi.task.id);
      expect(await pick({ priorityMin: 80 })).not.toContain(lo.task.id);
      expect(await pick({ priorityMax: 20 })).toContain(lo.task.id);
      expect(await pick({ taskName: 'REVIEW inv' })).toEqual(expect.arrayContaining([hi.task.id, lo.task.id]));
      expect(await pick({ taskName: 'archive' })).not.toContain(hi.task.id);
      expect(await pick({ processKey: 'inbox_formjs' })).not.toContain(hi.task.id);
      expect(await pick({ candidateGroup: 'reviewers', businessKey: 'F-LO' })).toEqual([lo.task.id]);
      expect(await pick({ variables: [{ name: 'region', op: 'eq', value: 'north' }] })).toEqual([hi.task.id]);
      expect(await pick({ variables: [{ name: 'total', op: 'gt', value: '1000' }] })).toEqual([hi.task.id]);
      expect(await pick({ variables: [{ name: 'total', op: 'lt', value: 1000 }] })).toEqual([lo.task.id]);
      expect(await pick({ variables: [{ name: 'region', op: 'neq', value: 'north' }], businessKey: 'F-HI' })).toEqual([]);
      expect(await pick({ variables: [{ name: 'tags', op: 'contains', value: 'urgent' }] })).toEqual([hi.task.id]);
      expect(await pick({ variables: [{ name: 'region', op: 'contains', value: 'OUT' }] })).toEqual([lo.task.id]);
      const byPriority = await pick({ sort: 'priority' });
      expect(byPriority.indexOf(hi.task.id)).toBeLessThan(byPriority.indexOf(lo.task.id));
      const created = await pick({ createdAfter: new Date(Date.now() - 60_000).toISOString(), createdBefore: new Date(Date.now() + 60_000).toISOString() });
      expect(created).toEqual(expect.arrayContaining([hi.task.id, lo.task.id]));
      expect(await pick({ createdBefore: '2000-01-01' })).toEqual([]);
    });

    it('given more tasks than a page, then keyset pages cover every task once for each sort', async () => {
      for (let i = 0; i < 7; i++) await startReview({ prio: i % 3, due: i % 2 ? `2100-01-0${i + 1}T00:00:00.000Z` : null, region: 'paged' }, `P-${i}`);
      for (const sort of ['created', 'due', 'followUp', 'priority'] as const) {
        const all = (await rita.tasks.list({ queue: 'all', sort, limit: 500, variables: [{ name: 'region', op: 'eq', value: 'paged' }] })).items.map((t) => t.id);
        expect(all).toHaveLength(7);
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await rita.tasks.list({ queue: 'all', sort, limit: 3, variables: [{ name: 'region', op: 'eq', value: 'paged' }], ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((t) => t.id));
          cursor = page.nextCursor;
        } while (cursor);
        expect(seen).toEqual(all);
      }
      expect(await codeOf(() => rita.tasks.list({ cursor: 'garbage' }))).toBe('BAD_REQUEST');
    });
  });

  describe('update, delegate, resolve, comments, history', () => {
    it('given a claimed task, when the assignee changes due, follow-up and priority, then the task and its history show it', async () => {
      const { task } = await startReview();
      await rita.tasks.claim({ id: task.id });
      const updated = await rita.tasks.update({ id: task.id, dueAt: '2030-05-01T10:00:00.000Z', followUpAt: '2030-04-01T10:00:00.000Z', priority: 80 });
      expect(updated).toMatchObject({ dueAt: '2030-05-01T10:00:00.000Z', followUpAt: '2030-04-01T10:00:00.000Z', priority: 80 });
      expect(await codeOf(() => sam.tasks.update({ id: task.id, priority: 1 }))).toBe('FORBIDDEN');
      expect(await codeOf(() => rita.tasks.update({ id: task.id }))).toBe('BAD_REQUEST');
      expect(await codeOf(() => rita.tasks.update({ id: task.id, priority: 101 }))).toBe('BAD_REQUEST');
      const history = (await rita.tasks.history({ id: task.id })).items;
      expect(history.map((e) => e.type)).toEqual(['created', 'claimed', 'updated']);
      expect(history[1].actor).toBe('rita');
      expect(history[2].detail).toContain('priority 80');
    });

    it('given a claimed task, when delegated, then the delegate works on it, cannot complete it before resolving, and resolve returns it to the owner', async () => {
      const { task } = await startReview();
      await rita.tasks.claim({ id: task.id });
      expect(await codeOf(() => rita.tasks.delegate({ id: task.id, to: 'nobody-here' }))).toBe('BAD_REQUEST');
      expect(await codeOf(() => sam.tasks.delegate({ id: task.id, to: 'olga' }))).toBe('FORBIDDEN');
      const delegated = await rita.tasks.delegate({ id: task.id, to: 'olga' });
      expect(delegated).toMatchObject({ assignee: 'olga', owner: 'rita', delegationState: 'pending' });
      // olga is outside the group but, as the delegate, sees it; rita as the owner still sees it
      expect((await olga.tasks.list({ queue: 'mine' })).items.map((t) => t.id)).toContain(task.id);
      expect(await codeOf(() => rita.tasks.get({ id: task.id }))).toBe('OK');
      expect(await codeOf(() => olga.tasks.complete({ id: task.id, variables: { approved: true } }))).toBe('CONFLICT');
      expect(await codeOf(() => rita.tasks.resolve({ id: task.id }))).toBe('FORBIDDEN');
      await olga.tasks.comment({ id: task.id, message: 'checked the numbers' });
      const resolved = await olga.tasks.resolve({ id: task.id });
      expect(resolved).toMatchObject({ assignee: 'rita', owner: 'rita', delegationState: 'resolved' });
      // handed back, olga (outside the group) no longer sees it; resolving again is a CONFLICT for rita
      expect(await codeOf(() => olga.tasks.get({ id: task.id }))).toBe('FORBIDDEN');
      expect(await codeOf(() => rita.tasks.resolve({ id: task.id }))).toBe('CONFLICT');
      await rita.tasks.complete({ id: task.id, variables: { approved: true } });
      const history = (await rita.tasks.history({ id: task.id })).items;
      expect(history.map((e) => [e.type, e.actor])).toEqual([['created', 'root'], ['claimed', 'rita'], ['delegated', 'rita'], ['commented', 'olga'], ['resolved', 'olga'], ['completed', 'rita']]);
    });

    it('given a task, when people comment, then comments list who said what, also after completion, and an empty comment is BAD_REQUEST', async () => {
      const { task } = await startReview();
      await rita.tasks.comment({ id: task.id, message: 'first' });
      await sam.tasks.comment({ id: task.id, message: 'second' });
      expect(await codeOf(() => sam.tasks.comment({ id: task.id, message: '   ' }))).toBe('BAD_REQUEST');
      await rita.tasks.claim({ id: task.id });
      await rita.tasks.complete({ id: task.id, variables: { approved: true } });
      await rita.tasks.comment({ id: task.id, message: 'after' });
      expect((await sam.tasks.comments({ id: task.id })).items.map((c) => [c.author, c.message])).toEqual([['rita', 'first'], ['sam', 'second'], ['rita', 'after']]);
    });
  });

  describe('users for the inbox and the admin screen', () => {
    it('lists active people for assign/delegate to anyone, and stops an admin from disabling or demoting themselves', async () => {
      const directory = (await olga.users.directory()).items.map((u) => u.username);
      expect(directory).toEqual(expect.arrayContaining(['rita', 'sam', 'ann']));
      const temp = await h.admin.users.create({ username: 'temp', password: 'password-123', groups: ['x'] });
      await h.admin.users.update({ id: temp.id, disabled: true });
      expect((await olga.users.directory()).items.map((u) => u.username)).not.toContain('temp');
      expect(await codeOf(() => rita.users.update({ id: temp.id, disabled: false }))).toBe('FORBIDDEN');
      const root = (await h.services.store.getUserByUsername('root'))!;
      expect(await codeOf(() => h.admin.users.update({ id: root.id, disabled: true }))).toBe('BAD_REQUEST');
      expect(await codeOf(() => h.admin.users.update({ id: root.id, roles: ['worker'] }))).toBe('BAD_REQUEST');
      expect(await codeOf(() => h.admin.users.update({ id: temp.id, password: 'new-password-1' }))).toBe('OK');
    });
  });

  describe('start from the inbox', () => {
    it('lists the latest startable processes with their start forms, honouring candidate starters', async () => {
      const ritaSees = (await rita.tasks.startable()).items;
      expect(ritaSees.map((p) => p.key)).toEqual(expect.arrayContaining(['inbox_review', 'inbox_formjs']));
      expect(ritaSees.map((p) => p.key)).not.toContain('inbox_personal');
      expect((await ann.tasks.startable()).items.map((p) => p.key)).toContain('inbox_personal');
      const review = ritaSees.find((p) => p.key === 'inbox_review')!;
      expect(review.form.kind).toBe('generated');
      expect(review.form.kind === 'generated' && review.form.fields.map((f) => f.id)).toEqual(['requester', 'amount']);
      expect(ritaSees.find((p) => p.key === 'inbox_formjs')!.form).toEqual({ kind: 'variables' });
    });

    it('validates start form values and returns my first task', async () => {
      expect(await messageOf(() => rita.tasks.start({ key: 'inbox_review', variables: { amount: 3 } }))).toContain('(requester)');
      expect(await codeOf(() => rita.tasks.start({ key: 'inbox_personal' }))).toBe('FORBIDDEN');
      const started = await rita.tasks.start({ key: 'inbox_review', variables: { requester: 'rita', amount: 3, due: null, prio: 50 }, businessKey: 'S-1' });
      expect(started.status).toBe('running');
      expect(started.nextTaskId).toBeTruthy();
    });
  });
});
