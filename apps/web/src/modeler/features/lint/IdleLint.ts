/**
 * Keeps bpmn-js-bpmnlint's work off the way of the user on large diagrams. The library lints on
 * `import.done` and after every change, then builds one overlay (icon + issue list) per element with
 * findings, all in one task; with hundreds of findings that task takes hundreds of milliseconds.
 * - The lint an import causes waits for the first frame after the import and then for idle time
 *   (at most IDLE_WAIT_MS), so the diagram is drawn and answers input first.
 * - Overlays are built in slices of SLICE_MS in idle time; a new lint (or clearing) drops the slices
 *   still pending, so stale overlays never appear.
 * Lint results (`linting.completed`, the Problems list) are complete as soon as a lint finishes;
 * only the canvas markers fill in over the next frames. Small diagrams fit in the first slice and
 * behave exactly as before.
 * Order that matters: this listens to `import.done` before Linting does (priority above its 500), so
 * the flag is set when Linting calls update() for the same event.
 * This wraps three Linting methods (update, _createIssues, _clearOverlays) of bpmn-js-bpmnlint 0.24;
 * the lint e2e test and IdleLint.test.ts fail if their contract changes.
 */
type Issues = Record<string, unknown[]>;
export interface LintingInternals {
  update(): void;
  _createIssues(issues: Issues): void;
  _createElementIssues(elementId: string, issues: unknown[]): void;
  _clearOverlays(): void;
}
type Bus = { on(event: string, priority: number, fn: () => void): void };

const BEFORE_LINTING = 1500;
export const IDLE_WAIT_MS = 1000;
export const SLICE_MS = 12;

export default class IdleLint {
  static $inject = ['eventBus', 'linting'];

  private cancelLint = () => {};
  private cancelOverlays = () => {};

  constructor(eventBus: Bus, linting: LintingInternals) {
    const update = linting.update.bind(linting);
    const createElementIssues = linting._createElementIssues.bind(linting);
    const clearOverlays = linting._clearOverlays.bind(linting);
    let imported = false;

    eventBus.on('import.done', BEFORE_LINTING, () => {
      imported = true;
    });
    linting.update = () => {
      if (!imported) return update();
      imported = false;
      this.cancelLint();
      this.cancelLint = afterNextFrame(() => whenIdle(update));
    };
    linting._clearOverlays = () => {
      this.cancelOverlays();
      clearOverlays();
    };
    linting._createIssues = (issues) => {
      this.cancelOverlays();
      this.cancelOverlays = inSlices(Object.keys(issues), (id) => createElementIssues(id, issues[id]));
    };
    // A lint still waiting from the last import must not run half-way through the next one.
    eventBus.on('diagram.clear', BEFORE_LINTING, () => this.cancelLint());
    eventBus.on('diagram.destroy', BEFORE_LINTING, () => {
      this.cancelLint();
      this.cancelOverlays();
    });
  }
}

type Cancel = () => void;

/** Calls each(item) for all items: a first slice now, the rest in idle time. */
function inSlices<T>(items: T[], each: (item: T) => void): Cancel {
  let next = 0;
  let cancel: Cancel = () => {};
  let cancelled = false;
  const slice = () => {
    if (cancelled) return;
    const until = performance.now() + SLICE_MS;
    while (next < items.length && performance.now() < until) each(items[next++]);
    if (next < items.length) cancel = whenIdle(slice);
  };
  slice();
  return () => {
    cancelled = true;
    cancel();
  };
}

function afterNextFrame(fn: () => Cancel): Cancel {
  let cancel: Cancel = () => {};
  const frame = requestAnimationFrame(() => {
    cancel = fn();
  });
  return () => {
    cancelAnimationFrame(frame);
    cancel();
  };
}

function whenIdle(fn: () => void): Cancel {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(() => fn(), { timeout: IDLE_WAIT_MS });
    return () => cancelIdleCallback(id);
  }
  const id = window.setTimeout(fn, 0);
  return () => clearTimeout(id);
}
