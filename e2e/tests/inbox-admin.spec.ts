/**
 * /admin: an admin creates a user with groups, edits the groups, resets the password and disables the
 * account; the API then refuses the user's login.
 */
import { test, expect } from '../fixtures/test';
import { TrpcCallError } from '../fixtures/api';
import { loginAsAdmin } from './modeler-helpers';
import { uniqueKey } from './inbox-fixtures';

test('an admin creates, edits, resets and disables a user', async ({ page, runtime, api }) => {
  const username = uniqueKey('user').toLowerCase();
  await loginAsAdmin(page, runtime);
  await page.goto('/admin');
  await page.getByRole('button', { name: 'New user' }).click();
  const create = page.getByRole('dialog', { name: 'New user' });
  await create.getByLabel('Username').fill(username);
  await create.getByLabel('Display name').fill('Temp Worker');
  await create.getByLabel('Password').fill('first-password-1');
  await create.getByLabel('Groups (comma-separated)').fill('reviewers, auditors');
  await create.getByRole('button', { name: 'Create user' }).click();
  const row = page.getByRole('table', { name: 'Users' }).getByRole('row', { name: new RegExp(username) });
  await expect(row).toContainText('reviewers, auditors');
  await expect(page.getByRole('table', { name: 'Groups' })).toContainText('auditors');

  await row.getByRole('button', { name: `Edit ${username}` }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${username}` });
  await edit.getByLabel('Groups (comma-separated)').fill('auditors');
  await edit.getByLabel(/^operator/).check();
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(row).toContainText('operator');
  await expect(row.getByRole('cell').nth(2)).toHaveText('auditors');

  await row.getByRole('button', { name: `Reset password of ${username}` }).click();
  const reset = page.getByRole('dialog', { name: `Reset password of ${username}` });
  await reset.getByLabel('New password').fill('second-password-2');
  await reset.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText(`New password set for ${username}`)).toBeVisible();
  expect(await api.login(username, 'second-password-2')).toBeTruthy();

  await row.getByRole('button', { name: `Disable ${username}` }).click();
  await expect(row).toContainText('disabled');
  const refused = await api.login(username, 'second-password-2').catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(TrpcCallError);
  expect((refused as TrpcCallError).code).toBe('UNAUTHORIZED');
});
