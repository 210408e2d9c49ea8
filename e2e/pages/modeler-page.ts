/**
 * /diagrams/:id — the editor. Canvas state is read through `window.__batonModeler` (ids, selection,
 * problems, DI coverage), not from pixels; interactions go through the real bpmn-js UI (context pad,
 * replace menu, properties panel).
 */
import { expect, type Locator, type Page } from '@playwright/test';

/** The test-only API the web app's modeler registers (apps/web/src/modeler/features/test-api). */
interface BatonModelerTestApi {
  elementIds(): string[];
  elements(): CanvasElement[];
  selection(): string[];
  select(id: string): void;
  notDrawn(): Array<{ id: string; name: string | null; type: string; reason: string }>;
  diTotal(): number;
  xml(): Promise<string>;
  dirty(): boolean;
}

declare global {
  interface Window {
    __batonModeler?: BatonModelerTestApi;
  }
}

export interface CanvasElement {
  id: string;
  type: string;
  name: string | null;
}

export class ModelerPage {
  readonly canvas: Locator;
  readonly properties: Locator;
  readonly dirtyIndicator: Locator;
  readonly saveButton: Locator;
  readonly deployButton: Locator;
  readonly startButton: Locator;
  readonly problems: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByTestId('canvas');
    this.properties = page.getByTestId('properties-panel');
    this.dirtyIndicator = page.getByTestId('dirty-indicator');
    this.saveButton = page.getByRole('button', { name: 'Save', exact: true });
    this.deployButton = page.getByRole('button', { name: 'Deploy', exact: true });
    this.startButton = page.getByRole('button', { name: 'Start instance', exact: true });
    this.problems = page.getByRole('region', { name: 'Problems' });
  }

  async goto(id: string): Promise<void> {
    await this.page.goto(`/diagrams/${id}`);
    await this.waitForImport();
  }

  /** Waits until the modeler has imported a diagram at least `count` times in this mount. */
  async waitForImport(count = 1): Promise<void> {
    await expect(this.canvas).toHaveAttribute('data-imports', new RegExp(`^([${count}-9]|\\d{2,})$`), { timeout: 30_000 });
  }

  elements(): Promise<CanvasElement[]> {
    return this.page.evaluate(() => window.__batonModeler!.elements());
  }

  selection(): Promise<string[]> {
    return this.page.evaluate(() => window.__batonModeler!.selection());
  }

  xml(): Promise<string> {
    return this.page.evaluate(() => window.__batonModeler!.xml());
  }

  coverage(): Promise<{ total: number; notDrawn: Array<{ id: string; name: string | null; type: string; reason: string }>; drawnIds: string[] }> {
    return this.page.evaluate(() => ({
      total: window.__batonModeler!.diTotal(),
      notDrawn: window.__batonModeler!.notDrawn(),
      drawnIds: window.__batonModeler!.elementIds(),
    }));
  }

  shape(id: string): Locator {
    return this.canvas.locator(`.djs-element[data-element-id="${id}"]`).first();
  }

  async select(id: string): Promise<void> {
    const current = await this.selection();
    if (current.length === 1 && current[0] === id) return;
    await this.shape(id).click();
    await expect.poll(() => this.selection()).toEqual([id]);
  }

  /** Clicks a context pad entry of the selected element, e.g. "append.append-task", "replace". */
  async contextPad(action: string): Promise<void> {
    await this.page.locator(`.djs-context-pad [data-action="${action}"]`).click();
  }

  /** Appends via the context pad and returns the id of the new (selected) element. */
  async append(fromId: string, action: 'append.append-task' | 'append.end-event' | 'append.gateway'): Promise<string> {
    await this.select(fromId);
    const before = new Set((await this.elements()).map((e) => e.id));
    await this.contextPad(action);
    // Appended shapes are attached to the cursor until placed in some bpmn-js versions; a click places it.
    let created = (await this.elements()).filter((e) => !before.has(e.id) && e.type !== 'bpmn:SequenceFlow');
    if (created.length === 0) {
      await this.canvas.click({ position: { x: 500, y: 300 } });
      created = (await this.elements()).filter((e) => !before.has(e.id) && e.type !== 'bpmn:SequenceFlow');
    }
    expect(created).toHaveLength(1);
    await this.leaveLabelEditing();
    return created[0].id;
  }

  /** bpmn-js opens label editing on new tasks; Escape leaves it (the element stays selected). */
  async leaveLabelEditing(): Promise<void> {
    const editing = this.page.locator('.djs-direct-editing-parent');
    if (await editing.isVisible()) {
      await this.page.keyboard.press('Escape');
      await expect(editing).toBeHidden();
    }
  }

  /** Changes the type of an element with the replace menu ("Change element"), e.g. to "User task". */
  async replaceWith(id: string, menuLabel: string): Promise<string> {
    await this.select(id);
    await this.contextPad('replace');
    await this.page.locator('.djs-popup').getByText(menuLabel, { exact: true }).click();
    await this.leaveLabelEditing();
    const [selected] = await this.selection();
    return selected;
  }

  /** Opens a properties panel group by its title (e.g. "User assignment") if it is closed. */
  async openGroup(title: string): Promise<void> {
    const header = this.properties.locator('.bio-properties-panel-group-header').filter({ hasText: title }).first();
    await header.scrollIntoViewIfNeeded();
    if (!(await header.evaluate((el) => el.classList.contains('open')))) await header.click();
  }

  async setProperty(group: string, label: string, value: string): Promise<void> {
    await this.openGroup(group);
    const input = this.properties.getByLabel(label, { exact: true });
    await input.fill(value);
    await input.press('Tab');
  }

  /** Deploys; confirms the warnings dialog when lint has only warnings. Resolves on the result toast. */
  async deploy(): Promise<void> {
    await this.deployButton.click();
    const confirm = this.page.getByRole('dialog', { name: 'Deploy with warnings?' });
    const result = this.page.getByTestId('toast').filter({ hasText: /Deployed|Unchanged|Deploy failed/ });
    await expect(confirm.or(result).first()).toBeVisible();
    if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Deploy anyway' }).click();
    await expect(result.first()).toBeVisible();
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+s');
    await expect(this.dirtyIndicator).toHaveText('All changes saved');
  }

  problemRow(elementId: string): Locator {
    return this.problems.locator(`button[data-element-id="${elementId}"]`);
  }

  async exportBpmn(): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Export ▾' }).click();
    await this.page.getByRole('menuitem', { name: 'BPMN XML (.bpmn)' }).click();
    const file = await download;
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    return readFile(path, 'utf8');
  }
}
