/**
 * The signed-in frame around every screen: one navigation landmark with a link per area.
 */
import type { Locator, Page } from '@playwright/test';

export const NAV_AREAS = [
  { name: 'Diagrams', path: '/diagrams' },
  { name: 'Processes', path: '/processes' },
  { name: 'Instances', path: '/instances' },
  { name: 'Tasks', path: '/tasks' },
  { name: 'Dashboard', path: '/dashboard' },
  { name: 'Admin', path: '/admin' },
] as const;

export type NavAreaName = (typeof NAV_AREAS)[number]['name'];

/** Matches a URL whose path is `path` or below it, with any query or hash. */
export function urlForPath(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^https?://[^/]+${escaped}(?:[/?#].*)?$`);
}

export class AppShell {
  readonly nav: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation').filter({ has: page.getByRole('link', { name: 'Diagrams', exact: true }) });
  }

  link(name: NavAreaName): Locator {
    return this.nav.getByRole('link', { name, exact: true });
  }

  async goTo(name: NavAreaName): Promise<void> {
    await this.link(name).click();
  }
}
