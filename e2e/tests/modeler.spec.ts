/**
 * Modeler end to end against the real runtime: build start → user task → end with the context pad,
 * set the assignee in the properties panel, save, reload and find it, deploy, start with variables and
 * land on the instance page; a lint error blocks deploy and its Problems row selects the element;
 * two tabs editing one diagram get a conflict, never a silent overwrite.
 */
import { test, expect } from '../fixtures/test';
import { DiagramsPage } from '../pages/diagrams-page';
import { ModelerPage } from '../pages/modeler-page';
import { loginAsAdmin, seedDiagram, serviceTaskWithoutTopicXml, uniqueKey } from './modeler-helpers';

test('design start → user task → end, save, reload, deploy and start an instance', async ({ page, runtime }, testInfo) => {
  await loginAsAdmin(page, runtime);
  const diagrams = new DiagramsPage(page);
  const modeler = new ModelerPage(page);
  const name = `Approval ${testInfo.testId.slice(0, 8)} ${Date.now().toString(36)}`;

  // given a new diagram (it opens with one start event)
  await diagrams.goto();
  await diagrams.create(name);
  await modeler.waitForImport();
  const [start] = (await modeler.elements()).filter((e) => e.type === 'bpmn:StartEvent');
  expect(start).toBeTruthy();

  // when the designer appends a task, turns it into a user task and appends an end event
  const task = await modeler.append(start.id, 'append.append-task');
  const userTask = await modeler.replaceWith(task, 'User task');
  await modeler.append(userTask, 'append.end-event');
  const types = (await modeler.elements()).map((e) => e.type);
  expect(types.filter((t) => t === 'bpmn:UserTask')).toHaveLength(1);
  expect(types.filter((t) => t === 'bpmn:EndEvent')).toHaveLength(1);
  expect(types.filter((t) => t === 'bpmn:SequenceFlow')).toHaveLength(2);

  // and sets the assignee in the properties panel
  await modeler.select(userTask);
  await modeler.setProperty('User assignment', 'Assignee', 'demo');
  await expect(modeler.dirtyIndicator).toHaveText(/Unsaved changes/);

  // and saves with Ctrl/Cmd+S
  await modeler.save();

  // then after a reload the user task still has its assignee
  await page.reload();
  await modeler.waitForImport();
  expect(await modeler.xml()).toMatch(new RegExp(`<bpmn:userTask id="${userTask}"[^>]*camunda:assignee="demo"`));

  // and the diagram is found in the list by searching
  await diagrams.goto();
  await diagrams.search.fill(name.split(' ')[1]);
  await expect(diagrams.row(name)).toBeVisible();
  await diagrams.row(name).getByRole('link', { name }).click();
  await modeler.waitForImport();

  // when it is deployed (unnamed elements are warnings: confirm them)
  await modeler.deploy();
  await expect(page.getByTestId('toast').filter({ hasText: /Deployed .+ v1/ })).toBeVisible();

  // and an instance is started with variables
  await modeler.startButton.click();
  const dialog = page.getByRole('dialog', { name: /Start instance of/ });
  const variables = dialog.getByLabel('Variables (JSON)');
  await variables.fill('{ "amount": ');
  await expect(dialog.getByText(/Invalid JSON/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Start' })).toBeDisabled();
  await variables.fill('{ "amount": 1200, "approved": true }');
  await dialog.getByLabel('Business key (optional)').fill(`order-${Date.now()}`);
  await dialog.getByRole('button', { name: 'Start' }).click();

  // then the instance page opens
  await page.waitForURL(/\/instances\/[^/]+$/);
});

test('a lint error blocks deploy and its Problems row selects the element', async ({ page, runtime, api, adminToken }, testInfo) => {
  const key = uniqueKey('charge', testInfo.testId);
  const { id } = await seedDiagram(api, adminToken, `Charge ${key}`, serviceTaskWithoutTopicXml(key));
  await loginAsAdmin(page, runtime);
  const modeler = new ModelerPage(page);

  // given a diagram with a service task that has no topic
  await modeler.goto(id);
  await expect(modeler.problemRow('charge')).toBeVisible();

  // when the designer deploys
  await modeler.deployButton.click();

  // then deploy is blocked and nothing was deployed
  await expect(page.getByRole('alert').filter({ hasText: /Deploy blocked: 1 error/ })).toBeVisible();
  await expect(page.getByTestId('toast').filter({ hasText: /Deployed/ })).toHaveCount(0);
  const definitions = await api.query<{ items: Array<{ key: string }> }>(adminToken, 'definitions.list', { key });
  expect(definitions.items).toHaveLength(0);

  // and clicking the problem row selects the service task
  await modeler.problemRow('charge').click();
  await expect.poll(() => modeler.selection()).toEqual(['charge']);
});

test('a diagram whose nodes do not list their flows (as generators write it) is not reported as disconnected and deploys', async ({ page, runtime, api, adminToken }, testInfo) => {
  const key = uniqueKey('flows', testInfo.testId);
  // given start → user task → end where only the flows name their ends (valid BPMN; no <incoming>/<outgoing>)
  const xml = serviceTaskWithoutTopicXml(key)
    .replace(/<bpmn:(incoming|outgoing)>\w+<\/bpmn:\1>/g, '')
    .replace('<bpmn:serviceTask id="charge" name="Charge card">', '<bpmn:userTask id="charge" name="Charge card">')
    .replace('</bpmn:serviceTask>', '</bpmn:userTask>');
  expect(xml).not.toMatch(/<bpmn:(incoming|outgoing)>/);
  const { id } = await seedDiagram(api, adminToken, `Flows ${key}`, xml);
  await loginAsAdmin(page, runtime);
  const modeler = new ModelerPage(page);

  // when it is opened and deployed (deploy lints first; "not connected" is an error that blocks it)
  await modeler.goto(id);
  await modeler.deploy();

  // then it deploys, and lint did not call its nodes disconnected or implicit starts/ends
  await expect(page.getByTestId('toast').filter({ hasText: /Deployed .+ v1/ })).toBeVisible();
  await expect(modeler.problems).toBeVisible();
  await expect(modeler.problems.getByText(/not connected|implicit (start|end)/)).toHaveCount(0);
});

test('two tabs editing one diagram: the second save gets a conflict, never a silent overwrite', async ({ page, context, runtime, api, adminToken }, testInfo) => {
  const key = uniqueKey('conflict', testInfo.testId);
  const { id } = await seedDiagram(api, adminToken, `Conflict ${key}`, serviceTaskWithoutTopicXml(key));
  await loginAsAdmin(page, runtime);
  const tabA = new ModelerPage(page);
  const tabB = new ModelerPage(await context.newPage());

  // given the same diagram open in two tabs
  await tabA.goto(id);
  await tabB.goto(id);

  // when tab A appends a task and saves
  await tabA.append('charge', 'append.append-task');
  await tabA.save();
  const savedByA = (await tabA.elements()).map((e) => e.id).sort();

  // and tab B makes its own change and saves
  await tabB.append('start', 'append.end-event');
  await tabB.page.keyboard.press('ControlOrMeta+s');

  // then tab B is told about the conflict and stays dirty
  const alert = tabB.page.getByRole('alert').filter({ hasText: 'Not saved — someone else saved this diagram.' });
  await expect(alert).toBeVisible();
  await expect(tabB.dirtyIndicator).toHaveText(/Unsaved changes/);

  // and the server still has tab A's version
  const server = await api.query<{ xml: string; revision: number }>(adminToken, 'diagrams.get', { id });
  for (const elementId of savedByA) expect(server.xml).toContain(`id="${elementId}"`);

  // when tab B reloads, it shows tab A's version
  await alert.getByRole('button', { name: 'Reload (discard my changes)' }).click();
  await tabB.waitForImport(2);
  await expect(tabB.dirtyIndicator).toHaveText('All changes saved');
  expect((await tabB.elements()).map((e) => e.id).sort()).toEqual(savedByA);
});

test('a form created in the form editor is embedded in the BPMN and linked with camunda:formRef', async ({ page, runtime }, testInfo) => {
  await loginAsAdmin(page, runtime);
  const diagrams = new DiagramsPage(page);
  const modeler = new ModelerPage(page);

  // given a user task in a new diagram
  await diagrams.goto();
  await diagrams.create(`Form ${testInfo.testId.slice(0, 8)} ${Date.now().toString(36)}`);
  await modeler.waitForImport();
  const [start] = (await modeler.elements()).filter((e) => e.type === 'bpmn:StartEvent');
  const userTask = await modeler.replaceWith(await modeler.append(start.id, 'append.append-task'), 'User task');

  // when the designer opens "Form…" and creates the form
  await modeler.select(userTask);
  await page.getByRole('button', { name: 'Form…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Form for/ });
  await expect(dialog.locator('.fjs-editor-container')).toBeVisible();
  await dialog.getByRole('button', { name: 'Create and link form' }).click();

  // then the task references the form and the form schema travels inside the BPMN XML
  const xml = await modeler.xml();
  expect(xml).toMatch(new RegExp(`<bpmn:userTask id="${userTask}"[^>]*camunda:formRef="form-${userTask}"`));
  expect(xml).toMatch(new RegExp(`<baton:form id="form-${userTask}">`));
  await expect(modeler.dirtyIndicator).toHaveText(/Unsaved changes/);

  // and the diagram with its embedded form saves and deploys
  await modeler.save();
  await modeler.deploy();
  await expect(page.getByTestId('toast').filter({ hasText: /Deployed .+ v1/ })).toBeVisible();
});
