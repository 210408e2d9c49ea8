/* global window, document, requestAnimationFrame -- these run inside the page (page.evaluate) */
/**
 * 8. Modeler: open a generated diagram of ~1 000 flow elements (with DI) in the web app's editor in
 * Chromium (/usr/bin/chromium or CHROMIUM_PATH): time from navigation to interactive (the canvas has
 * imported and the main thread answers a frame), against a 5-element diagram in the same run
 * (alternating). Target < 2 s. Then frame times while dragging a task across the canvas.
 */
import { existsSync } from 'node:fs';
import { largeDiagram } from './lib/bpmn.mjs';
import { log, standalone } from './lib/report.mjs';
import { session, webDir } from './lib/runtime.mjs';
import { fmt, fmtRange, percentile, summary } from './lib/stats.mjs';

export const meta = { id: '8', title: 'Modeler: open a 1 000-element diagram in Chromium' };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function open(page, url, id) {
  const t0 = performance.now();
  await page.goto(`${url}/diagrams/${id}`);
  await page.waitForSelector('[data-testid="canvas"][data-imports]:not([data-imports="0"])', { timeout: 60_000 });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  return performance.now() - t0;
}

export async function run({ quick }) {
  if (!existsSync(CHROMIUM)) return [{ bench: '8', metric: meta.title, value: `skipped: no Chromium at ${CHROMIUM}`, pass: null }];
  const { chromium } = await import('playwright-core');
  const rounds = quick ? 1 : 3;
  const big = largeDiagram({ processId: 'bench_modeler', nodes: 500, withDi: true });
  const small = largeDiagram({ processId: 'bench_modeler_small', nodes: 3, withDi: true });
  const s = await session({ db: 'sqlite', label: 'modeler' });
  if (!existsSync(`${webDir()}/index.html`)) {
    await s.cleanup();
    return [{ bench: '8', metric: meta.title, value: 'skipped: apps/web/dist is not built', pass: null }];
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const bigId = (await s.api.mutation('diagrams.save', { name: 'bench large', xml: big.xml })).id;
    const smallId = (await s.api.mutation('diagrams.save', { name: 'bench small', xml: small.xml })).id;
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${s.rt.url}/login`);
    await page.getByLabel('Username', { exact: true }).fill('admin');
    await page.getByLabel('Password', { exact: true }).fill('bench-admin-password');
    await page.getByRole('button', { name: 'Log in', exact: true }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
    await open(page, s.rt.url, smallId); // warm the bundle cache
    const tSmall = [];
    const tBig = [];
    for (let i = 0; i < rounds; i += 1) {
      tSmall.push(await open(page, s.rt.url, smallId));
      tBig.push(await open(page, s.rt.url, bigId));
      log(`round ${i + 1}/${rounds}: small ${fmt(tSmall.at(-1), 0)} ms, ${big.flowElements} elements ${fmt(tBig.at(-1), 0)} ms`);
    }
    const drawn = await page.evaluate(() => window.__batonModeler?.elementIds().length ?? -1);

    // drag a task 300 px in 60 steps while recording frame intervals
    const box = await page.evaluate(() => {
      const el = document.querySelector('[data-element-id="task_1"]');
      const r = el?.getBoundingClientRect();
      return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
    });
    let frames = [];
    if (box) {
      await page.evaluate(() => {
        window.__frames = [];
        let last = performance.now();
        const tick = (now) => {
          window.__frames.push(now - last);
          last = now;
          if (window.__recording) requestAnimationFrame(tick);
        };
        window.__recording = true;
        requestAnimationFrame(tick);
      });
      await page.mouse.move(box.x, box.y);
      await page.mouse.down();
      for (let i = 1; i <= 60; i += 1) await page.mouse.move(box.x + i * 5, box.y + (i % 10));
      await page.mouse.up();
      frames = await page.evaluate(() => {
        window.__recording = false;
        return window.__frames.slice(1);
      });
    }
    const S = summary(tSmall);
    const B = summary(tBig);
    return [
      {
        bench: '8',
        metric: `modeler time to interactive, ${big.flowElements} flow elements with DI`,
        baseline: `${fmtRange(S, 0, ' ms')} for ${small.flowElements} elements`,
        value: fmtRange(B, 0, ' ms'),
        ratio: summary(tBig.map((v, i) => v / tSmall[i])),
        target: '< 2000 ms (absolute)',
        pass: B.median < 2000,
        note: `navigation → canvas imported → next frame; ${drawn} elements on the canvas; headless Chromium, --disable-gpu`,
        data: { tSmall, tBig },
      },
      {
        bench: '8',
        metric: 'frame time while dragging a task (60 mouse moves)',
        baseline: '16.7 ms (60 Hz)',
        value: frames.length ? `p50 ${fmt(percentile(frames, 50))} ms, p95 ${fmt(percentile(frames, 95))} ms, max ${fmt(Math.max(...frames))} ms` : 'no task found to drag',
        ratio: frames.length ? { median: percentile(frames, 50) / 16.7, min: percentile(frames, 50) / 16.7, max: percentile(frames, 95) / 16.7 } : null,
        target: '— (informational)',
        pass: null,
        note: `${frames.length} frames; ratio = p50 / 16.7 ms (max shows p95 / 16.7 ms)`,
      },
    ];
  } finally {
    await browser.close();
    await s.cleanup();
  }
}

await standalone(import.meta.url, { meta, run });
