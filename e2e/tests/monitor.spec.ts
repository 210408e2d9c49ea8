/**
 * Live monitoring in Chromium against the real runtime: the instance page follows the event stream
 * without reload, incidents show and clear with Retry, replay redraws from a prefix of history, the
 * process page aggregates several instances, and the dashboard shows what the API says.
 */
import { test, expect } from '../fixtures/test';
import type { BatonApi } from '../fixtures/api';
import { LiveDiagramPage } from '../pages/live-instance-page';
import { loginAsAdmin } from './modeler-helpers';

const bpmn = (id: string, body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs_${id}" targetNamespace="http://baton.dev/e2e">
${body}
</definitions>`;

/** start -> review (user task) -> approve (user task) -> end, with DI so the viewer draws it */
function twoTasks(id: string) {
  return bpmn(
    id,
    `<process id="${id}" isExecutable="true">
    <startEvent id="start" /><sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <userTask id="review" name="Review" camunda:assignee="admin" /><sequenceFlow id="f2" sourceRef="review" targetRef="approve" />
    <userTask id="approve" name="Approve" /><sequenceFlow id="f3" sourceRef="approve" targetRef="end" />
    <endEvent id="end" />
  </process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${id}">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="approve_di" bpmnElement="approve"><dc:Bounds x="360" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="520" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="460" y="118" /><di:waypoint x="520" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`,
  );
}

/** start -> one middle element with id `middle` (given as XML) -> end, laid out left to right */
function startMiddleEnd(id: string, middleId: string, middle: string) {
  return bpmn(
    id,
    `<process id="${id}" isExecutable="true">
    <startEvent id="start" /><sequenceFlow id="f1" sourceRef="start" targetRef="${middleId}" />
    ${middle}<sequenceFlow id="f2" sourceRef="${middleId}" targetRef="end" />
    <endEvent id="end" />
  </process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${id}">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="${middleId}_di" bpmnElement="${middleId}"><dc:Bounds x="200" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="360" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="200" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="300" y="118" /><di:waypoint x="360" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`,
  );
}

/** start -> pay (external service task, topic) -> end */
function payment(id: string, topic: string) {
  return startMiddleEnd(id, 'pay', `<serviceTask id="pay" name="Charge card" camunda:type="external" camunda:topic="${topic}" />`);
}

/** start -> t1 -> t2 -> ... -> tn -> end (user tasks in a row), laid out left to right */
function chain(id: string, n: number) {
  const tasks = Array.from({ length: n }, (_, i) => `t${i + 1}`);
  const nodes = ['start', ...tasks, 'end'];
  const flows = nodes.slice(1).map((target, i) => `<sequenceFlow id="f${i}" sourceRef="${nodes[i]}" targetRef="${target}" />`).join('');
  const shapes = nodes
    .map((node, i) => node === 'start' || node === 'end'
      ? `<bpmndi:BPMNShape id="${node}_di" bpmnElement="${node}"><dc:Bounds x="${100 + i * 140}" y="100" width="36" height="36" /></bpmndi:BPMNShape>`
      : `<bpmndi:BPMNShape id="${node}_di" bpmnElement="${node}"><dc:Bounds x="${80 + i * 140}" y="78" width="100" height="80" /></bpmndi:BPMNShape>`)
    .join('');
  return bpmn(id, `<process id="${id}" isExecutable="true"><startEvent id="start" />${tasks.map((t) => `<userTask id="${t}" />`).join('')}<endEvent id="end" />${flows}</process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${id}">${shapes}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`);
}

const key = (prefix: string, testId: string) => `${prefix}_${testId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 12)}`;

async function openTask(api: BatonApi, token: string, instanceId: string) {
  const tasks = await api.query<{ items: { id: string; elementId: string; status: string }[] }>(token, 'tasks.list', { instanceId, status: 'open' });
  return tasks.items[0];
}

test.beforeEach(async ({ page, runtime }) => {
  await loginAsAdmin(page, runtime);
});

test('a running instance: completing its task through the API moves the badge without reload', async ({ page, api, adminToken }, testInfo) => {
  const k = key('live', testInfo.testId);
  await api.mutation(adminToken, 'definitions.deploy', { xml: twoTasks(k) });
  const { id } = await api.mutation<{ id: string }>(adminToken, 'instances.start', { key: k, businessKey: 'E2E-1' });
  const live = new LiveDiagramPage(page);
  await live.openInstance(id);
  await expect.poll(() => live.active()).toEqual({ review: 1 });
  const badges = await live.badges();
  expect(badges.review.wait).toBe('task — assigned to admin');
  let navigations = 0;
  page.on('framenavigated', () => navigations++);

  const task = await openTask(api, adminToken, id);
  const sent = Date.now();
  await api.mutation(adminToken, 'tasks.complete', { id: task.id, variables: { ok: true } });
  await expect.poll(() => live.active(), { intervals: [20, 20, 50, 100] }).toEqual({ approve: 1 });
  testInfo.annotations.push({ type: 'badge latency (ms, API return to badge)', description: String(Date.now() - sent) });
  expect(await live.taken()).toEqual(expect.arrayContaining(['f1', 'f2']));
  expect(navigations).toBe(0);
  await expect(page.getByTestId('audit-trail')).toContainText('admin completed task review');
});

test('replay to the first event shows the token at the start; Live returns to now', async ({ page, api, adminToken }, testInfo) => {
  const k = key('replay', testInfo.testId);
  await api.mutation(adminToken, 'definitions.deploy', { xml: twoTasks(k) });
  const { id } = await api.mutation<{ id: string }>(adminToken, 'instances.start', { key: k });
  const task = await openTask(api, adminToken, id);
  await api.mutation(adminToken, 'tasks.complete', { id: task.id });
  const live = new LiveDiagramPage(page);
  await live.openInstance(id);
  await expect.poll(() => live.active()).toEqual({ approve: 1 });

  await live.replayFirst.click();
  await expect(live.replayPosition).toContainText('event 1 of');
  // event 1 is instance.started: nothing has entered yet; one step on, the token is at the start
  expect(await live.active()).toEqual({});
  await page.getByTestId('replay-forward').click();
  await expect.poll(() => live.active()).toEqual({ start: 1 });
  expect(await live.taken()).toEqual([]);
  await live.replayLive.click();
  await expect.poll(() => live.active()).toEqual({ approve: 1 });
});

test('a failed job shows a red incident badge and Retry clears it', async ({ page, api, adminToken }, testInfo) => {
  const k = key('pay', testInfo.testId);
  const topic = `${k}-topic`;
  await api.mutation(adminToken, 'definitions.deploy', { xml: payment(k, topic) });
  const { id } = await api.mutation<{ id: string }>(adminToken, 'instances.start', { key: k });
  const live = new LiveDiagramPage(page);
  await live.openInstance(id);
  await expect.poll(() => live.active()).toEqual({ pay: 1 });

  const jobs = await api.mutation<{ id: string; instanceId: string }[]>(adminToken, 'jobs.fetchAndLock', { workerId: 'e2e-worker', topics: [{ topic, lockDurationMs: 60_000 }], maxJobs: 5 });
  const job = jobs.find((j) => j.instanceId === id)!;
  await api.mutation(adminToken, 'jobs.fail', { id: job.id, workerId: 'e2e-worker', errorMessage: 'card gateway down', errorDetails: 'HTTP 503', retries: 0 });
  await expect.poll(() => live.incidents()).toEqual({ pay: 1 });
  await expect(live.incidentBanner).toContainText('1 incident');

  await live.incidentBanner.click();
  const incident = page.getByTestId('incident');
  await expect(incident).toContainText('card gateway down');
  await expect(incident).toContainText('HTTP 503');
  await incident.getByRole('button', { name: 'Retry' }).click();
  await expect.poll(() => live.incidents()).toEqual({});
  await expect(page.getByTestId('no-incidents')).toBeVisible();
  await expect(live.incidentBanner).toHaveCount(0);
});

test('the process page shows the right counts for several instances, and an element click lists them', async ({ page, api, adminToken }, testInfo) => {
  const k = key('agg', testInfo.testId);
  await api.mutation(adminToken, 'definitions.deploy', { xml: twoTasks(k) });
  const ids: string[] = [];
  for (let i = 0; i < 4; i++) ids.push((await api.mutation<{ id: string }>(adminToken, 'instances.start', { key: k })).id);
  const first = await openTask(api, adminToken, ids[0]);
  await api.mutation(adminToken, 'tasks.complete', { id: first.id });
  await api.mutation(adminToken, 'instances.cancel', { id: ids[3] });

  const live = new LiveDiagramPage(page);
  await live.openProcess(k);
  await expect.poll(() => live.active()).toEqual({ review: 2, approve: 1 });
  const stats = await api.query<{ items: { elementId: string; active: number }[] }>(adminToken, 'definitions.stats', { id: (await api.query<{ items: { id: string }[] }>(adminToken, 'definitions.list', { key: k })).items[0].id });
  expect(Object.fromEntries(stats.items.filter((s) => s.active > 0).map((s) => [s.elementId, s.active]))).toEqual({ review: 2, approve: 1 });

  // live: another instance arrives while the page is open
  await api.mutation(adminToken, 'instances.start', { key: k });
  await expect.poll(() => live.active()).toEqual({ review: 3, approve: 1 });

  await page.getByTestId('heat-passes').click();
  await expect.poll(() => page.evaluate(() => window.__batonLive!.heat().review)).toBeGreaterThanOrEqual(4);

  await page.locator('[data-element-id="review"]').first().click();
  await expect(page.getByTestId('waiting-instances').getByRole('listitem')).toHaveCount(3);
});

test('the dashboard numbers match the API', async ({ page, api, adminToken }, testInfo) => {
  const k = key('dash', testInfo.testId);
  await api.mutation(adminToken, 'definitions.deploy', { xml: twoTasks(k) });
  for (let i = 0; i < 3; i++) await api.mutation(adminToken, 'instances.start', { key: k });
  const dashboard = await api.query<{ totals: Record<string, number>; processes: { key: string; running: number }[] }>(adminToken, 'stats.dashboard');
  await page.goto('/dashboard');
  for (const [card, field] of [['card-running', 'running'], ['card-completed', 'completed'], ['card-cancelled', 'cancelled'], ['card-incidents', 'openIncidents'], ['card-open-tasks', 'openTasks']] as const) {
    await expect(page.getByTestId(card).locator('.number')).toHaveText(String(dashboard.totals[field]));
  }
  await expect(page.getByTestId(`running-${k}`)).toHaveText('3');
  await page.getByTestId(`running-${k}`).click();
  await expect(page).toHaveURL(new RegExp(`/instances\\?key=${k}&status=running`));
  await expect(page.getByTestId('instance-row')).toHaveCount(3);
});

test('badge latency: the badge moves soon after each task completion (p99 reported)', async ({ page, api, adminToken }, testInfo) => {
  const n = 20;
  const k = key('lat', testInfo.testId);
  await api.mutation(adminToken, 'definitions.deploy', { xml: chain(k, n) });
  const { id } = await api.mutation<{ id: string }>(adminToken, 'instances.start', { key: k });
  const live = new LiveDiagramPage(page);
  await live.openInstance(id);
  await expect.poll(() => live.active()).toEqual({ t1: 1 });
  const samples: number[] = [];
  for (let i = 1; i <= n; i++) {
    const task = await openTask(api, adminToken, id);
    const next = i < n ? `t${i + 1}` : null;
    // the browser stamps when the overlay changed; the test stamps when the command's commit returned
    const moved = page.evaluate(
      (target) =>
        new Promise<number>((resolve) => {
          const check = () => {
            const badges = window.__batonLive!.badges();
            const done = target ? (badges[target]?.active ?? 0) > 0 : Object.values(badges).every((b) => b.active === 0);
            if (done) resolve(Date.now());
            else requestAnimationFrame(check);
          };
          check();
        }),
      next,
    );
    await api.mutation(adminToken, 'tasks.complete', { id: task.id });
    const returned = Date.now();
    samples.push(Math.max(0, (await moved) - returned));
  }
  samples.sort((a, b) => a - b);
  const p99 = samples[Math.min(samples.length - 1, Math.ceil(samples.length * 0.99) - 1)];
  testInfo.annotations.push({ type: 'badge latency after commit (ms)', description: `median ${samples[Math.floor(samples.length / 2)]}, p99 ${p99}, max ${samples.at(-1)}` });
  console.log(`badge latency after commit: median ${samples[Math.floor(samples.length / 2)]} ms, p99 ${p99} ms`);
  expect(p99).toBeLessThan(500);
});

test('the instance list filters by URL and bulk cancel reports each instance', async ({ page, api, adminToken }, testInfo) => {
  const k = key('bulk', testInfo.testId);
  await api.mutation(adminToken, 'definitions.deploy', { xml: twoTasks(k) });
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push((await api.mutation<{ id: string }>(adminToken, 'instances.start', { key: k, variables: { amount: i * 1000 } })).id);
  await page.goto(`/instances?key=${k}&var=gt:amount:500`);
  await expect(page.getByTestId('instance-row')).toHaveCount(2);
  await page.goto(`/instances?key=${k}&status=running`);
  await expect(page.getByTestId('instance-row')).toHaveCount(3);
  await api.mutation(adminToken, 'instances.cancel', { id: ids[0] });
  await page.getByLabel('select all on this page').check();
  await page.getByTestId('bulk-cancel').click();
  await page.getByRole('button', { name: 'Cancel instances' }).click();
  const result = page.getByTestId('bulk-result');
  await expect(result).toContainText('2 succeeded, 1 failed');
  await expect(result.locator('li.failed')).toContainText('cancelled');
});

test('the operations log lists deploys and commands with who did them', async ({ page, api, adminToken }, testInfo) => {
  const k = key('ops', testInfo.testId);
  await api.mutation(adminToken, 'definitions.deploy', { xml: twoTasks(k) });
  await api.mutation(adminToken, 'instances.start', { key: k });
  await page.goto(`/operations?process=${k}`);
  const rows = page.getByTestId('operation-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('instance.start');
  await expect(rows.nth(1)).toContainText('definition.deploy');
  await expect(rows.nth(1)).toContainText('admin');
});

test('a call activity shows a link badge to the called instance', async ({ page, api, adminToken }, testInfo) => {
  const child = key('child', testInfo.testId);
  const parentKey = key('parent', testInfo.testId);
  await api.mutation(adminToken, 'definitions.deploy', { xml: twoTasks(child) });
  await api.mutation(adminToken, 'definitions.deploy', {
    xml: startMiddleEnd(parentKey, 'call', `<callActivity id="call" name="Run child" calledElement="${child}" />`),
  });
  const { id } = await api.mutation<{ id: string }>(adminToken, 'instances.start', { key: parentKey });
  const live = new LiveDiagramPage(page);
  await live.openInstance(id);
  await expect.poll(() => live.active()).toEqual({ call: 1 });
  await expect.poll(() => page.evaluate(() => Object.keys(window.__batonLive!.links()))).toEqual(['call']);
  await page.locator('.baton-badge-link').first().click();
  await expect(page).toHaveURL(/\/instances\/[0-9a-f-]{36}$/);
  expect(page.url()).not.toContain(id);
  await live.waitForDiagram();
  await expect.poll(() => live.active()).toEqual({ review: 1 });
  await expect(page.getByRole('link', { name: id.slice(0, 8) })).toBeVisible();
});
