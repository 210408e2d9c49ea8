/**
 * The live instance page (/instances/:id) and process page (/processes/:key): diagram state is read
 * through the test-only `window.__batonLive` API (badges per element, flows), never from pixels.
 */
import type { Locator, Page } from '@playwright/test';

export interface Badges {
  active: number;
  incidents: number;
  cancelled: number;
  completed: number;
  passes: number;
  wait?: string;
}

declare global {
  interface Window {
    __batonLive?: { revision(): number; badges(): Record<string, Badges>; taken(): string[]; skipped(): string[]; heat(): Record<string, number>; elementIds(): string[]; links(): Record<string, { href: string; label: string }[]> };
  }
}

export class LiveDiagramPage {
  readonly diagram: Locator;
  readonly replayFirst: Locator;
  readonly replayLive: Locator;
  readonly replayPosition: Locator;
  readonly incidentBanner: Locator;

  constructor(readonly page: Page) {
    this.diagram = page.getByTestId('live-diagram');
    this.replayFirst = page.getByTestId('replay-first');
    this.replayLive = page.getByTestId('replay-live');
    this.replayPosition = page.getByTestId('replay-position');
    this.incidentBanner = page.getByTestId('incident-banner');
  }

  async openInstance(id: string): Promise<void> {
    await this.page.goto(`/instances/${id}`);
    await this.waitForDiagram();
  }

  async openProcess(key: string): Promise<void> {
    await this.page.goto(`/processes/${encodeURIComponent(key)}`);
    await this.waitForDiagram();
  }

  async waitForDiagram(): Promise<void> {
    await this.page.waitForFunction(() => !!window.__batonLive && window.__batonLive.elementIds().length > 0);
  }

  /** badges per element as drawn now, only elements with something to show */
  badges(): Promise<Record<string, Badges>> {
    return this.page.evaluate(() => window.__batonLive!.badges());
  }

  /** element ids that currently carry an active-token badge, with their counts */
  async active(): Promise<Record<string, number>> {
    const badges = await this.badges();
    return Object.fromEntries(Object.entries(badges).filter(([, b]) => b.active > 0).map(([id, b]) => [id, b.active]));
  }

  async incidents(): Promise<Record<string, number>> {
    const badges = await this.badges();
    return Object.fromEntries(Object.entries(badges).filter(([, b]) => b.incidents > 0).map(([id, b]) => [id, b.incidents]));
  }

  taken(): Promise<string[]> {
    return this.page.evaluate(() => window.__batonLive!.taken());
  }

  revision(): Promise<number> {
    return this.page.evaluate(() => window.__batonLive!.revision());
  }

  tab(name: 'history' | 'variables' | 'incidents'): Locator {
    return this.page.getByTestId(`tab-${name}`);
  }
}
