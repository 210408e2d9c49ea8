/**
 * Import conformance: every MIWG reference diagram and every export from 19 other tools is imported
 * through the Diagrams page; every DI element is drawn, or reported by name in the "not drawn" list.
 * Round trip: export as .bpmn and import again without losing an element.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test, expect } from '../fixtures/test';
import { REPO_ROOT } from '../fixtures/runtime-process';
import { DiagramsPage } from '../pages/diagrams-page';
import { ModelerPage } from '../pages/modeler-page';
import { loginAsAdmin } from './modeler-helpers';

const MIWG = process.env.BATON_MIWG_DIR ?? resolve(REPO_ROOT, '../shared/conformance/miwg');
const files = ['reference', 'tool-exports'].flatMap((dir) =>
  readdirSync(join(MIWG, dir))
    .filter((f) => f.endsWith('.bpmn'))
    .map((f) => ({ dir, file: f, path: join(MIWG, dir, f) })),
);

test.describe('import MIWG conformance files', () => {
  test.describe.configure({ timeout: 60_000 });

  for (const { dir, file, path } of files) {
    test(`${dir}/${file}: every DI element is drawn or reported`, async ({ page, runtime }) => {
      await loginAsAdmin(page, runtime);
      const diagrams = new DiagramsPage(page);
      const modeler = new ModelerPage(page);

      await diagrams.goto();
      await diagrams.importFile(path);
      await page.waitForURL(/\/diagrams\/[^/]+$/, { timeout: 30_000 });
      await modeler.waitForImport();

      const { total, notDrawn } = await modeler.coverage();
      expect(total, 'the file has DI elements').toBeGreaterThan(0);
      if (notDrawn.length) {
        const banner = page.getByTestId('not-drawn');
        await expect(banner).toBeVisible();
        for (const n of notDrawn.slice(0, 20)) await expect(banner).toContainText(n.id);
      }
      testInfo(file, total, notDrawn.length);
    });
  }
});

function testInfo(file: string, total: number, missing: number) {
  test.info().annotations.push({ type: 'coverage', description: `${file}: ${total - missing}/${total} DI elements drawn` });
}

test('export as .bpmn and re-import round-trips every element', async ({ page, runtime }) => {
  await loginAsAdmin(page, runtime);
  const diagrams = new DiagramsPage(page);
  const modeler = new ModelerPage(page);
  const source = files.find((f) => f.file === 'C.1.0.bpmn') ?? files[0];

  // given an imported reference diagram
  await diagrams.goto();
  await diagrams.importFile(source.path);
  await page.waitForURL(/\/diagrams\/[^/]+$/);
  await modeler.waitForImport();
  const before = await modeler.elements();

  // when it is exported and the export imported again
  const exported = await modeler.exportBpmn();
  expect(exported).toMatch(/<(bpmn:)?definitions[\s>]/);
  await diagrams.goto();
  await diagrams.fileInput.setInputFiles({ name: 'roundtrip.bpmn', mimeType: 'application/xml', buffer: Buffer.from(exported) });
  await page.waitForURL(/\/diagrams\/[^/]+$/);
  await modeler.waitForImport();

  // then the same elements, with the same types and names, are on the canvas
  const after = await modeler.elements();
  const key = (e: { id: string; type: string; name: string | null }) => `${e.id}|${e.type}|${e.name ?? ''}`;
  expect(after.map(key).sort()).toEqual(before.map(key).sort());
  expect((await modeler.coverage()).notDrawn).toEqual([]);
});
