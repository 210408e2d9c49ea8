/**
 * Task inbox in Chromium against the built runtime: a reviewer claims a group task, fills its
 * generated form and completes it (the next task opens); an outsider sees nothing and gets 403 from
 * the API; a task started while the inbox is open appears without reload; a filter shared with a
 * group works for a second user; delegate and resolve; a form-js task is filled and completed.
 */
import type { Browser, Page } from '@playwright/test';
import { test, expect } from '../fixtures/test';
import { TrpcCallError, type BatonApi } from '../fixtures/api';
import { InboxPage } from '../pages/inbox-page';
import { deploy, ensureUser, formJsXml, openTaskIds, PASSWORD, reviewXml, start, startFormXml, uniqueKey } from './inbox-fixtures';

async function seedReviewers(api: BatonApi, adminToken: string) {
  await ensureUser(api, adminToken, 'rita', ['reviewers']);
  await ensureUser(api, adminToken, 'sam', ['reviewers']);
  await ensureUser(api, adminToken, 'olga', ['sales']);
}

async function inboxAs(browser: Browser, baseURL: string, username: string): Promise<{ page: Page; inbox: InboxPage; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const inbox = new InboxPage(page);
  await inbox.loginAs(username, PASSWORD);
  return { page, inbox, close: () => context.close() };
}

test('a reviewer claims a group task, fills the generated form, completes it and the next task opens; an outsider sees nothing and gets 403', async ({ page, api, adminToken }) => {
  // given a process whose first task is for the group "reviewers", and one instance of it
  await seedReviewers(api, adminToken);
  const key = uniqueKey('review');
  await deploy(api, adminToken, reviewXml(key));
  const businessKey = `INV-${key}`;
  const instanceId = await start(api, adminToken, key, businessKey, { score: 2 });
  const [taskId] = await openTaskIds(api, adminToken, instanceId);

  // when rita (reviewers) opens "My groups"
  const inbox = new InboxPage(page);
  await inbox.loginAs('rita', PASSWORD);
  await inbox.goto();
  await inbox.queue('My groups').click();
  // then she sees the task card with its process and business key, and opens it
  await expect(inbox.card(businessKey)).toBeVisible();
  await expect(inbox.card(businessKey)).toContainText('Invoice review');
  await expect(inbox.card(businessKey)).toContainText('Medium');
  await inbox.card(businessKey).click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${taskId}`));
  await expect(inbox.title()).toHaveText('Review invoice');

  // Complete is disabled until she claims the task
  await expect(inbox.complete).toBeDisabled();
  await expect(inbox.detail).toContainText('Claim the task to complete it.');
  await inbox.action('Claim').click();
  await expect(inbox.assignee()).toContainText('Assigned to you');

  // the form is prefilled from the variables; clearing a required field disables Complete
  const score = inbox.detail.getByLabel('Score');
  await expect(score).toHaveValue('2');
  await score.fill('');
  await expect(inbox.complete).toBeDisabled();
  await score.fill('4');
  await inbox.detail.getByLabel('Approved').check();
  await inbox.detail.getByLabel('Decision').selectOption('pay');
  await inbox.detail.getByLabel('Note').fill('looks right');
  await expect(inbox.complete).toBeEnabled();

  // the Diagram and History tabs show the task in its process and who did what
  await inbox.tab('Diagram').click();
  await expect(page.locator('.baton-task-highlight')).toHaveCount(1);
  await inbox.tab('History').click();
  await expect(inbox.detail.getByRole('list', { name: 'Task history' })).toContainText('Claimed by rita');
  await inbox.tab('Form').click();
  // what she typed survived the look at the other tabs
  await expect(inbox.detail.getByLabel('Score')).toHaveValue('4');

  // when she completes it
  await inbox.complete.click();
  // then the values are in the instance and the next task of the instance (for reviewers) opens
  await expect(inbox.title()).toHaveText('Archive invoice');
  const instance = await api.query<{ variables: Record<string, unknown> }>(adminToken, 'instances.get', { id: instanceId });
  expect(instance.variables).toMatchObject({ approved: true, score: 4 });

  // and olga, outside the group, gets 403 from the API and an empty list
  const olga = await api.login('olga', PASSWORD);
  const error = await api.query(olga, 'tasks.get', { id: taskId }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TrpcCallError);
  expect((error as TrpcCallError).httpStatus).toBe(403);
  const claim = await api.mutation(olga, 'tasks.claim', { id: (await openTaskIds(api, adminToken, instanceId))[0] }).catch((e: unknown) => e);
  expect((claim as TrpcCallError).code).toBe('FORBIDDEN');
  const { items } = await api.query<{ items: { id: string }[] }>(olga, 'tasks.list', { queue: 'all', processKey: key });
  expect(items).toEqual([]);
});

test('an outsider sees no group task in the inbox', async ({ browser, api, adminToken, runtime }) => {
  await seedReviewers(api, adminToken);
  const key = uniqueKey('hidden');
  await deploy(api, adminToken, reviewXml(key));
  await start(api, adminToken, key, `HID-${key}`);
  const olga = await inboxAs(browser, runtime.baseURL, 'olga');
  await olga.inbox.goto(`?queue=groups&processKey=${key}`);
  await expect(olga.page.getByText('No tasks match these filters')).toBeVisible();
  await olga.close();
});

test('a task created while the inbox is open appears without a reload', async ({ page, api, adminToken }) => {
  await seedReviewers(api, adminToken);
  const key = uniqueKey('live');
  await deploy(api, adminToken, reviewXml(key));
  const inbox = new InboxPage(page);
  await inbox.loginAs('rita', PASSWORD);
  await inbox.goto('?queue=groups');
  await expect(inbox.queue('My groups')).toHaveAttribute('aria-selected', 'true');
  // give the SSE stream a moment to connect, then start an instance behind the user's back
  await page.waitForTimeout(1000);
  const businessKey = `LIVE-${key}`;
  await start(api, adminToken, key, businessKey);
  await expect(inbox.card(businessKey)).toBeVisible({ timeout: 10_000 });
});

test('a filter shared with a group works for a second user', async ({ browser, api, adminToken, runtime }) => {
  await seedReviewers(api, adminToken);
  const key = uniqueKey('shared');
  await deploy(api, adminToken, reviewXml(key, 'Shared filter process'));
  const businessKey = `SF-${key}`;
  await start(api, adminToken, key, businessKey);
  await start(api, adminToken, key, `OTHER-${key}`);

  // rita filters by business key (in the URL) and saves the filter, shared with reviewers
  const rita = await inboxAs(browser, runtime.baseURL, 'rita');
  await rita.inbox.goto('?queue=groups');
  await rita.page.getByText('Filters and sort').click();
  await rita.page.getByLabel('Business key').fill(businessKey);
  await rita.page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rita.page).toHaveURL(new RegExp(`businessKey=${businessKey}`));
  await expect(rita.inbox.card(businessKey)).toBeVisible();
  await expect(rita.inbox.card(`OTHER-${key}`)).toHaveCount(0);
  await rita.page.getByRole('button', { name: 'Save filter…' }).click();
  const dialog = rita.page.getByRole('dialog', { name: 'Save filter' });
  await dialog.getByLabel('Filter name').fill(`Team ${key}`);
  await dialog.getByLabel('Share with group').selectOption('reviewers');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(rita.page.getByText(`Saved filter "Team ${key}"`)).toBeVisible();
  await rita.close();

  // sam (also reviewers) picks it from the saved filters and sees the same task
  const sam = await inboxAs(browser, runtime.baseURL, 'sam');
  await sam.inbox.goto();
  await sam.page.getByLabel('Saved filter').selectOption({ label: `Team ${key} (shared by rita)` });
  await expect(sam.page).toHaveURL(new RegExp(`businessKey=${businessKey}`));
  await expect(sam.inbox.card(businessKey)).toBeVisible();
  await expect(sam.inbox.card(`OTHER-${key}`)).toHaveCount(0);
  await sam.close();

  // olga (sales) does not get it
  const olgaToken = await api.login('olga', PASSWORD);
  const { items } = await api.query<{ items: { name: string }[] }>(olgaToken, 'filters.list');
  expect(items.map((f) => f.name)).not.toContain(`Team ${key}`);
});

test('delegate and resolve: the owner keeps the task, the delegate hands it back', async ({ browser, api, adminToken, runtime }) => {
  await seedReviewers(api, adminToken);
  const key = uniqueKey('delegate');
  await deploy(api, adminToken, reviewXml(key));
  const businessKey = `DEL-${key}`;
  const instanceId = await start(api, adminToken, key, businessKey);
  const [taskId] = await openTaskIds(api, adminToken, instanceId);

  const rita = await inboxAs(browser, runtime.baseURL, 'rita');
  await rita.page.goto(`/tasks/${taskId}`);
  await rita.inbox.action('Claim').click();
  await expect(rita.inbox.assignee()).toContainText('Assigned to you');
  await rita.inbox.action('Delegate…').click();
  const dialog = rita.page.getByRole('dialog', { name: /Delegate/ });
  await dialog.getByLabel('User').selectOption({ value: 'sam' });
  await dialog.getByRole('button', { name: 'Delegate', exact: true }).click();
  await expect(rita.inbox.assignee()).toContainText('Assigned to sam');
  await expect(rita.inbox.assignee()).toContainText('delegated by you (owner)');
  await expect(rita.inbox.complete).toBeDisabled();
  await rita.close();

  const sam = await inboxAs(browser, runtime.baseURL, 'sam');
  await sam.inbox.goto();
  await sam.inbox.queue('My tasks').click();
  await sam.inbox.card(businessKey).click();
  await expect(sam.inbox.detail).toContainText('Resolve the task to hand it back to its owner');
  await sam.inbox.tab('Comments').click();
  await sam.page.getByRole('textbox', { name: 'Comment' }).fill('numbers check out');
  await sam.page.getByRole('button', { name: 'Add comment' }).click();
  await expect(sam.page.getByRole('list', { name: 'Comments' })).toContainText('numbers check out');
  await sam.inbox.action('Resolve').click();
  await expect(sam.inbox.assignee()).toContainText('Assigned to rita');
  await sam.close();

  const history = await api.query<{ items: { type: string; actor: string | null }[] }>(adminToken, 'tasks.history', { id: taskId });
  expect(history.items.map((e) => `${e.type}:${e.actor}`)).toEqual(['created:admin', 'claimed:rita', 'delegated:rita', 'commented:sam', 'resolved:sam']);
});

test('a task with a linked form-js form is filled in and completed', async ({ page, api, adminToken }) => {
  await seedReviewers(api, adminToken);
  const key = uniqueKey('formjs');
  await deploy(api, adminToken, formJsXml(key));
  const instanceId = await start(api, adminToken, key, `FJS-${key}`);
  const [taskId] = await openTaskIds(api, adminToken, instanceId);
  const inbox = new InboxPage(page);
  await inbox.loginAs('rita', PASSWORD);
  await page.goto(`/tasks/${taskId}`);
  await inbox.action('Claim').click();
  await expect(inbox.assignee()).toContainText('Assigned to you');
  const form = inbox.detail.getByTestId('formjs-form');
  await expect(form.getByLabel('Comment')).toBeVisible();
  await expect(inbox.complete).toBeDisabled();
  await form.getByLabel('Comment').fill('reliable supplier');
  await form.getByLabel('Stars').fill('5');
  await expect(inbox.complete).toBeEnabled();
  await inbox.complete.click();
  await expect(page).toHaveURL(/\/tasks(\?|$)/);
  const instance = await api.query<{ status: string; variables: Record<string, unknown> }>(adminToken, 'instances.get', { id: instanceId });
  expect(instance).toMatchObject({ status: 'completed', variables: { comment: 'reliable supplier', stars: 5 } });
});

test('a process is started from the inbox with its start form and my first task opens', async ({ page, api, adminToken }) => {
  await seedReviewers(api, adminToken);
  const key = uniqueKey('startable');
  const name = `Purchase request ${key}`;
  await deploy(api, adminToken, startFormXml(key, name));
  const inbox = new InboxPage(page);
  await inbox.loginAs('rita', PASSWORD);
  await inbox.goto();
  await page.getByRole('button', { name: 'Start process' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a process' });
  await dialog.getByRole('button', { name: `${name} v1` }).click();
  const form = page.getByRole('dialog', { name: `Start ${name}` });
  await expect(form.getByLabel('Amount')).toHaveValue('100');
  await form.getByRole('button', { name: 'Start', exact: true }).click();
  // the required field is named and nothing starts
  await expect(form.getByText('Requester is required')).toBeVisible();
  await form.getByLabel('Requester').fill('rita');
  await form.getByLabel('Business key (optional)').fill(`PR-${key}`);
  await form.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(inbox.title()).toHaveText('Check request');
  const { items } = await api.query<{ items: { businessKey: string; variables: Record<string, unknown> }[] }>(adminToken, 'instances.list', { key });
  expect(items).toHaveLength(1);
  expect(items[0]).toMatchObject({ businessKey: `PR-${key}`, variables: { requester: 'rita', amount: 100 } });
});
