import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../../store/test-support/test-databases.js';
import { bpmn, createTestRuntime, type TestRuntime } from '../../test-support/test-runtime.js';

let rt: TestRuntime;

const review = bpmn('review', `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="t" /><userTask id="t" name="Review" /><sequenceFlow id="f2" sourceRef="t" targetRef="e" /><endEvent id="e" />`);
const charge = bpmn(
  'charge',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="pay" />
   <serviceTask id="pay" name="Charge card" camunda:type="external" camunda:topic="monitor-payments" />
   <sequenceFlow id="f2" sourceRef="pay" targetRef="ok" /><endEvent id="ok" />`,
);
const route = bpmn(
  'route',
  `<startEvent id="s" /><sequenceFlow id="f0" sourceRef="s" targetRef="gw" />
   <exclusiveGateway id="gw" default="small" />
   <sequenceFlow id="big" sourceRef="gw" targetRef="bigEnd"><conditionExpression xsi:type="tFormalExpression" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\${amount &gt; 1000}</conditionExpression></sequenceFlow>
   <sequenceFlow id="small" sourceRef="gw" targetRef="smallEnd" />
   <endEvent id="bigEnd" /><endEvent id="smallEnd" />`,
);

describe.each(TEST_DIALECTS)('monitoring API on %s', (dialect) => {
beforeAll(async () => {
  rt = await createTestRuntime(dialect);
  const api = rt.as(rt.admin);
  await api.definitions.deploy({ xml: review });
  await api.definitions.deploy({ xml: charge });
  await api.definitions.deploy({ xml: route });
});
afterAll(() => rt.cleanup());

async function failJob(instanceId: string) {
  const api = rt.as(rt.admin);
  const jobs = await api.jobs.fetchAndLock({ workerId: 'w1', topics: [{ topic: 'monitor-payments', lockDurationMs: 60_000 }], maxJobs: 50 });
  const job = jobs.find((j) => j.instanceId === instanceId)!;
  return api.jobs.fail({ id: job.id, workerId: 'w1', errorMessage: 'gateway down', retries: 0 });
}

describe('instances.list filters', () => {
  it('given instances with variables, then each variable operator filters them', async () => {
    const api = rt.as(rt.admin);
    const a = await api.instances.start({ key: 'review', businessKey: 'VF-A', variables: { amount: 500, customer: 'Acme Corp', vip: true } });
    const b = await api.instances.start({ key: 'review', businessKey: 'VF-B', variables: { amount: 5000, customer: 'Globex', vip: false } });
    const c = await api.instances.start({ key: 'review', businessKey: 'VF-C', variables: { amount: '750', customer: 'acme labs' } });
    const ids = async (variables: { name: string; op: 'eq' | 'neq' | 'lt' | 'gt' | 'contains'; value: string | number | boolean | null }[]) =>
      (await api.instances.list({ key: 'review', variables, limit: 100 })).items.filter((i) => [a.id, b.id, c.id].includes(i.id)).map((i) => i.businessKey).sort();
    expect(await ids([{ name: 'amount', op: 'gt', value: 600 }])).toEqual(['VF-B', 'VF-C']);
    expect(await ids([{ name: 'amount', op: 'lt', value: '1000' }])).toEqual(['VF-A', 'VF-C']);
    expect(await ids([{ name: 'amount', op: 'eq', value: 750 }])).toEqual(['VF-C']);
    expect(await ids([{ name: 'customer', op: 'contains', value: 'ACME' }])).toEqual(['VF-A', 'VF-C']);
    expect(await ids([{ name: 'vip', op: 'eq', value: true }])).toEqual(['VF-A']);
    expect(await ids([{ name: 'vip', op: 'neq', value: true }])).toEqual(['VF-B', 'VF-C']);
    expect(await ids([{ name: 'customer', op: 'contains', value: 'acme' }, { name: 'amount', op: 'gt', value: 600 }])).toEqual(['VF-C']);
  });

  it('given a variable changed by an operator, then the filter sees the new value', async () => {
    const api = rt.as(rt.admin);
    const { id } = await api.instances.start({ key: 'review', businessKey: 'VF-EDIT', variables: { stage: 'draft' } });
    await api.instances.setVariables({ id, variables: { stage: 'final' } });
    const found = await api.instances.list({ variables: [{ name: 'stage', op: 'eq', value: 'final' }] });
    expect(found.items.map((i) => i.id)).toContain(id);
    expect((await api.instances.list({ variables: [{ name: 'stage', op: 'eq', value: 'draft' }] })).items.map((i) => i.id)).not.toContain(id);
    const history = (await api.instances.history({ id })).items;
    expect(history.find((e) => e.type === 'variables.updated')).toMatchObject({ names: ['stage'], values: { stage: 'final' }, actor: 'admin' });
    expect(history[0]).toMatchObject({ type: 'instance.started', variables: { stage: 'draft' } });
  });

  it('filters by status, business key, started between and incident flag, with cursor pages that never repeat', async () => {
    const api = rt.as(rt.admin);
    const before = new Date().toISOString();
    const started = [];
    for (let i = 0; i < 5; i++) started.push(await api.instances.start({ key: 'review', businessKey: `PG-${i}` }));
    const after = new Date().toISOString();
    await api.instances.cancel({ id: started[0].id });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.instances.list({ key: 'review', startedAfter: before, startedBefore: after, limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(started.map((s) => s.id).sort());
    expect((await api.instances.list({ key: 'review', status: 'cancelled', startedAfter: before })).items.map((i) => i.id)).toEqual([started[0].id]);
    expect((await api.instances.list({ businessKey: 'PG-3' })).items.map((i) => i.id)).toEqual([started[3].id]);

    const broken = await api.instances.start({ key: 'charge' });
    await failJob(broken.id);
    const withIncident = await api.instances.list({ hasIncident: true });
    expect(withIncident.items.map((i) => i.id)).toContain(broken.id);
    expect(withIncident.items.find((i) => i.id === broken.id)?.openIncidents).toBe(1);
    expect((await api.instances.list({ hasIncident: false, limit: 500 })).items.map((i) => i.id)).not.toContain(broken.id);
  });
});

describe('bulk commands', () => {
  it('bulk cancel reports each item: cancelled, already ended, unknown', async () => {
    const api = rt.as(rt.admin);
    const one = await api.instances.start({ key: 'review' });
    const two = await api.instances.start({ key: 'review' });
    await api.instances.cancel({ id: two.id });
    const result = await api.instances.bulkCancel({ ids: [one.id, two.id, 'no-such-instance'] });
    expect(result).toMatchObject({ succeeded: 1, failed: 2 });
    expect(result.results[0]).toEqual({ id: one.id, ok: true });
    expect(result.results[1]).toMatchObject({ id: two.id, ok: false, error: expect.stringContaining('cancelled') });
    expect(result.results[2]).toMatchObject({ id: 'no-such-instance', ok: false, error: expect.stringContaining('no-such-instance') });
    expect((await api.instances.get({ id: one.id })).status).toBe('cancelled');
  });

  it('bulk retry retries every open incident and reports instances without one as failed', async () => {
    const api = rt.as(rt.admin);
    const broken = await api.instances.start({ key: 'charge' });
    await failJob(broken.id);
    const healthy = await api.instances.start({ key: 'review' });
    const result = await api.instances.bulkRetry({ ids: [broken.id, healthy.id], retries: 2 });
    expect(result.results).toEqual([
      { id: broken.id, ok: true, detail: '1 incident retried' },
      { id: healthy.id, ok: false, error: expect.stringContaining('no open incidents') },
    ]);
    expect((await api.instances.get({ id: broken.id })).incidents).toEqual([]);
  });

  it('bulk commands need the operator role', async () => {
    const worker = await rt.user('bulk-worker', { roles: ['worker'] });
    await expect(rt.as(worker).instances.bulkCancel({ ids: ['x'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('stats.dashboard', () => {
  it('counts per process match the instance lists, and per-minute buckets count this minute', async () => {
    const api = rt.as(rt.admin);
    const done = await api.instances.start({ key: 'route', variables: { amount: 5 } });
    expect(done.status).toBe('completed');
    const dashboard = await api.stats.dashboard();
    for (const status of ['running', 'completed', 'cancelled'] as const) {
      const listed = await api.instances.list({ key: 'review', status, limit: 500 });
      expect(dashboard.processes.find((p) => p.key === 'review')?.[status]).toBe(listed.items.length);
    }
    const route = dashboard.processes.find((p) => p.key === 'route')!;
    expect(route.completed).toBeGreaterThanOrEqual(1);
    expect(route.avgDurationMs).not.toBeNull();
    const openIncidents = (await api.incidents.list({})).items.length;
    expect(dashboard.totals.openIncidents).toBe(openIncidents);
    const openTasks = await api.tasks.list({ status: 'open', limit: 500 });
    expect(dashboard.totals.openTasks).toBe(openTasks.items.length);
    expect(dashboard.perMinute.length).toBeGreaterThanOrEqual(60);
    const startedTotal = dashboard.perMinute.reduce((n, m) => n + m.started, 0);
    const all = await api.instances.list({ limit: 500 });
    expect(startedTotal).toBe(all.items.length);
  });

  it('average task durations come from completed user tasks', async () => {
    const api = rt.as(rt.admin);
    const { id } = await api.instances.start({ key: 'review' });
    const task = (await api.tasks.list({ instanceId: id })).items[0];
    await api.tasks.complete({ id: task.id, variables: {} });
    const dashboard = await api.stats.dashboard({ key: 'review' });
    expect(dashboard.processes.map((p) => p.key)).toEqual(['review']);
    expect(dashboard.taskDurations).toEqual([expect.objectContaining({ key: 'review', elementId: 't', completed: expect.any(Number) })]);
  });

  it('the SLA view counts open tasks per element that are overdue or due soon', async () => {
    const api = rt.as(rt.admin);
    const sla = bpmn(
      'sla',
      `<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" /><userTask id="t" camunda:dueDate="\${due}" />`,
    );
    const { id: definitionId } = await api.definitions.deploy({ xml: sla });
    const hour = 3_600_000;
    await api.instances.start({ key: 'sla', variables: { due: new Date(Date.now() - hour).toISOString() } });
    await api.instances.start({ key: 'sla', variables: { due: new Date(Date.now() + hour).toISOString() } });
    await api.instances.start({ key: 'sla', variables: { due: new Date(Date.now() + 72 * hour).toISOString() } });
    const { items } = await api.stats.sla({ definitionId });
    expect(items).toEqual([{ elementId: 't', open: 3, overdue: 1, dueSoon: 1 }]);
    expect((await api.stats.dashboard()).totals.overdueTasks).toBeGreaterThanOrEqual(1);
  });

    it('the same numbers are on /metrics', async () => {
    const body = await rt.services.metrics.registry.metrics();
    const dashboard = await rt.as(rt.admin).stats.dashboard();
    const review = dashboard.processes.find((p) => p.key === 'review')!;
    expect(body).toContain(`baton_instances{key="review",status="running"} ${review.running}`);
    expect(body).toContain(`baton_open_tasks ${dashboard.totals.openTasks}`);
    expect(body).toMatch(/baton_open_incidents\{key="charge"\} \d+/);
  });
});

describe('called instances', () => {
  it('given a real call activity, then the parent names it as the caller of its child', async () => {
    const api = rt.as(rt.admin);
    await api.definitions.deploy({ xml: bpmn('caller', `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="call" /><callActivity id="call" calledElement="review" /><sequenceFlow id="f2" sourceRef="call" targetRef="e" /><endEvent id="e" />`) });
    const parent = await api.instances.start({ key: 'caller' });
    await expect.poll(async () => (await api.instances.get({ id: parent.id })).children.length).toBe(1);
    const got = await api.instances.get({ id: parent.id });
    expect(got.children[0]).toMatchObject({ key: 'review', status: 'running', elementId: 'call' });
  });

    it('names the call activity that started each child instance', async () => {
    const api = rt.as(rt.admin);
    const parent = await api.instances.start({ key: 'review' });
    const entered = (await api.instances.history({ id: parent.id })).items.find((e) => e.type === 'activity.entered' && e.elementId === 't');
    const child = (await api.definitions.list({ key: 'route' })).items[0];
    // the engine's call activities start children this way (parentExecutionId = the caller's execution)
    const started = await rt.services.steps.start({
      definitionId: child.id, businessKey: null, variables: { amount: 1 }, parentInstanceId: parent.id,
      parentExecutionId: entered && entered.type === 'activity.entered' ? entered.executionId : null,
    });
    const got = await api.instances.get({ id: parent.id });
    expect(got.children).toEqual([{ id: started.id, key: 'route', status: 'completed', elementId: 't' }]);
  });
});

describe('why this path', () => {
  it('records the condition and result of taken and skipped gateway flows', async () => {
    const api = rt.as(rt.admin);
    const { id } = await api.instances.start({ key: 'route', variables: { amount: 5000 } });
    const flows = (await api.instances.history({ id })).items.filter((e) => e.type === 'flow.taken' || e.type === 'flow.skipped');
    expect(flows).toContainEqual(expect.objectContaining({ type: 'flow.taken', elementId: 'big', condition: '${amount > 1000}', result: true }));
    expect(flows).toContainEqual(expect.objectContaining({ type: 'flow.skipped', elementId: 'small' }));
  });
});

describe('operations log', () => {
  it('records deploys and commands with the acting user; filters by who, what, process and time', async () => {
    const rita = await rt.user('rita', { roles: ['operator', 'designer'] });
    const api = rt.as(rita);
    const t0 = new Date().toISOString();
    const deployed = await api.definitions.deploy({ xml: bpmn('audited', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" /><userTask id="t" />') });
    await api.definitions.deploy({ xml: bpmn('audited', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" /><userTask id="t" />') });
    const { id } = await api.instances.start({ key: 'audited', businessKey: 'AUD-1' });
    await api.instances.setVariables({ id, variables: { note: 'checked' } });
    const task = (await api.tasks.list({ instanceId: id })).items[0];
    await api.tasks.claim({ id: task.id });
    await api.tasks.complete({ id: task.id, variables: { ok: true } });

    const log = await rt.as(rt.admin).operations.list({ actor: 'rita' });
    expect(log.items.map((o) => o.action)).toEqual(['task.complete', 'task.claim', 'variables.set', 'instance.start', 'definition.deploy', 'definition.deploy']);
    expect(log.items.at(-1)).toMatchObject({ processKey: 'audited', definitionId: deployed.id, details: { version: 1, unchanged: false } });
    expect(log.items.at(-2)).toMatchObject({ details: { unchanged: true } });
    expect(log.items[0]).toMatchObject({ instanceId: id, processKey: 'audited', targetId: task.id, details: { variables: ['ok'] } });
    expect(log.items.every((o) => o.at >= t0)).toBe(true);

    const deploys = await rt.as(rt.admin).operations.list({ action: 'definition.deploy', processKey: 'audited' });
    expect(deploys.items).toHaveLength(2);
    // `to` is inclusive and a deploy can land in the same millisecond as t0: ask for just before it
    const none = await rt.as(rt.admin).operations.list({ actor: 'rita', to: new Date(Date.parse(t0) - 1).toISOString() });
    expect(none.items).toEqual([]);
    const page1 = await rt.as(rt.admin).operations.list({ actor: 'rita', limit: 4 });
    const page2 = await rt.as(rt.admin).operations.list({ actor: 'rita', limit: 4, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((o) => o.id)).toEqual(log.items.map((o) => o.id));
  });

  it('is for operators only', async () => {
    const worker = await rt.user('log-worker', { roles: ['worker'] });
    await expect(rt.as(worker).operations.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
});
