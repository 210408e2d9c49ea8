/**
 * /diagrams: list with search, "New diagram", rename/delete per row, and "Import .bpmn" (a hidden
 * file input labelled "Import BPMN file"; drag & drop onto the page does the same).
 */
import type { Locator, Page } from '@playwright/test';

export class DiagramsPage {
  readonly search: Locator;
  readonly newDiagram: Locator;
  readonly fileInput: Locator;
  readonly table: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('searchbox', { name: 'Search diagrams' });
    this.newDiagram = page.getByRole('button', { name: 'New diagram', exact: true });
    this.fileInput = page.getByTestId('import-file');
    this.table = page.getByRole('table', { name: 'Diagrams' });
    this.error = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/diagrams');
  }

  /** Creates a diagram through the "New diagram" dialog; resolves on the editor with the canvas loaded. */
  async create(name: string): Promise<void> {
    await this.newDiagram.click();
    const dialog = this.page.getByRole('dialog', { name: 'New diagram' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await this.page.waitForURL(/\/diagrams\/[^/]+$/);
  }

  /** Imports a file through the file picker; on success the editor opens. */
  async importFile(path: string): Promise<void> {
    await this.fileInput.setInputFiles(path);
  }

  row(name: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }
}
