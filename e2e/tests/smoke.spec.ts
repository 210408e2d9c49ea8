/**
 * Smoke: the built runtime serves the web app; an anonymous visitor is sent to /login; the admin
 * logs in and reaches every area from the navigation; a wrong password is refused with a message.
 */
import { test, expect } from '../fixtures/test';
import { NAV_AREAS, urlForPath } from '../pages/app-shell';

test('runtime is healthy', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
});

test('admin logs in and reaches every area from the navigation', async ({ page, runtime, loginPage, appShell }) => {
  // given an anonymous visitor at the root
  await page.goto('/');
  // then the app sends them to the login screen
  await expect(page).toHaveURL(urlForPath('/login'));

  // when the admin logs in
  await loginPage.login(runtime.adminUsername, runtime.adminPassword);

  // then the navigation shows all six areas
  await expect(page).not.toHaveURL(urlForPath('/login'));
  await expect(appShell.nav).toBeVisible();
  for (const area of NAV_AREAS) {
    await expect(appShell.link(area.name)).toBeVisible();
  }

  // and each link leads to its area
  for (const area of NAV_AREAS) {
    await appShell.goTo(area.name);
    await expect(page).toHaveURL(urlForPath(area.path));
    await expect(appShell.nav).toBeVisible();
  }
});

test('a wrong password is refused with an error message', async ({ page, runtime, loginPage }) => {
  // given the login screen
  await loginPage.goto();

  // when the admin types a wrong password
  await loginPage.login(runtime.adminUsername, 'not-the-password');

  // then an error says so and the visitor stays on /login
  await expect(loginPage.error).toBeVisible();
  await expect(loginPage.error).toHaveText(/\S/);
  await expect(page).toHaveURL(urlForPath('/login'));
});
