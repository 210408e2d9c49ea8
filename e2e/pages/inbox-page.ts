/**
 * The task inbox (/tasks): queues (tabs), task cards (links named "<task> — <process> <business key>"),
 * the detail pane with its actions, tabs and form, saved filters.
 */
import type { Locator, Page } from '@playwright/test';
import { LoginPage } from './login-page';

export class InboxPage {
  readonly list: Locator;
  readonly detail: Locator;
  readonly complete: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('list', { name: 'Tasks' });
    this.detail = page.getByRole('region', { name: 'Task detail' });
    this.complete = page.getByRole('button', { name: 'Complete', exact: true });
  }

  async loginAs(username: string, password: string): Promise<void> {
    const login = new LoginPage(this.page);
    await login.goto();
    await login.login(username, password);
    await this.page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }

  async goto(search = ''): Promise<void> {
    await this.page.goto(`/tasks${search}`);
  }

  queue(name: 'My tasks' | 'My groups' | 'Unassigned' | 'Completed' | 'All'): Locator {
    return this.page.getByRole('tablist', { name: 'Queues' }).getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  /** the card of a task, found by its business key */
  card(businessKey: string): Locator {
    return this.list.getByRole('link', { name: new RegExp(businessKey) });
  }

  action(name: 'Claim' | 'Unclaim' | 'Assign to…' | 'Delegate…' | 'Resolve'): Locator {
    return this.detail.getByRole('button', { name, exact: true });
  }

  tab(name: 'Form' | 'Diagram' | 'History' | 'Comments'): Locator {
    return this.detail.getByRole('tab', { name, exact: true });
  }

  title(): Locator {
    return this.detail.getByRole('heading', { level: 2 });
  }

  assignee(): Locator {
    return this.detail.getByTestId('task-assignee');
  }
}
