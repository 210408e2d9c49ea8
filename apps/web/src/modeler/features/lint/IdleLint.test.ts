import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import EventBus from 'diagram-js/lib/core/EventBus';
import lintingModule from 'bpmn-js-bpmnlint';
import IdleLint, { type LintingInternals } from './IdleLint';

/** A stand-in for bpmn-js-bpmnlint's Linting: records what ran; update() draws every issue. */
function fakeLinting(eventBus: EventBus, issues: Record<string, unknown[]>) {
  const drawn: string[] = [];
  const linting: LintingInternals & { lints: number } = {
    lints: 0,
    update() {
      this.lints++;
      this._clearOverlays();
      this._createIssues(issues);
    },
    _createIssues(all) {
      for (const id in all) this._createElementIssues(id, all[id]);
    },
    _createElementIssues(id) {
      drawn.push(id);
    },
    _clearOverlays() {
      drawn.length = 0;
    },
  };
  // as the library does: lint after import and after changes, at low priority
  eventBus.on(['import.done', 'elements.changed'], 500, () => linting.update());
  new IdleLint(eventBus as never, linting);
  return { linting, drawn };
}

const manyIssues = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`task_${i}`, [{}]]));

describe('IdleLint', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('given bpmn-js-bpmnlint, then Linting still has the methods IdleLint wraps', () => {
    const Linting = (lintingModule as unknown as { linting: [string, { prototype: Record<string, unknown> }] }).linting[1];
    for (const method of ['update', '_createIssues', '_createElementIssues', '_clearOverlays']) {
      expect(typeof Linting.prototype[method]).toBe('function');
    }
  });

  it('given an import, when it is done, then the lint waits for the next frame and idle time', () => {
    const bus = new EventBus();
    const { linting, drawn } = fakeLinting(bus, { task_1: [{}] });
    bus.fire('import.done', {});
    expect(linting.lints).toBe(0);
    vi.advanceTimersToNextFrame();
    vi.runAllTimers();
    expect(linting.lints).toBe(1);
    expect(drawn).toEqual(['task_1']);
  });

  it('given an edit, when elements change, then the lint runs at once', () => {
    const bus = new EventBus();
    const { linting, drawn } = fakeLinting(bus, { task_1: [{}] });
    bus.fire('elements.changed', { elements: [] });
    expect(linting.lints).toBe(1);
    expect(drawn).toEqual(['task_1']);
  });

  it('given many findings, when overlays are drawn, then they are drawn in slices and all arrive', () => {
    const bus = new EventBus();
    const { drawn } = fakeLinting(bus, manyIssues(50));
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 5)); // each element "takes" 5 ms
    bus.fire('elements.changed', { elements: [] });
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(50);
    vi.runAllTimers();
    expect(drawn).toHaveLength(50);
  });

  it('given overlays still being drawn, when a new lint clears them, then no stale overlay appears', () => {
    const bus = new EventBus();
    const issues: Record<string, unknown[]> = manyIssues(50);
    const { drawn, linting } = fakeLinting(bus, issues);
    let t = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => (t += 5));
    bus.fire('elements.changed', { elements: [] });
    for (const id of Object.keys(issues)) if (id !== 'task_0') delete issues[id];
    linting.update();
    vi.runAllTimers();
    expect(drawn).toEqual(['task_0']);
  });
});
