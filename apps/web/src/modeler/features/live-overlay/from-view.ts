/**
 * InstanceView (the shared reducer's output) -> LiveState (what the overlay draws). Pure, so the
 * live page and replay draw exactly the same thing for the same prefix of history.
 */
import type { InstanceView } from '@baton/shared';
import type { ElementStats } from '@baton/shared';
import type { LiveState } from './live-state';
import { waitLabel } from './wait-label';

export function decisionLabel(condition: string | undefined, result: boolean | undefined): string | undefined {
  if (!condition) return undefined;
  const bare = condition.replace(/^\$\{\s*([\s\S]*?)\s*\}$/, '$1').replace(/^=\s*/, '');
  return `${bare} → ${result === undefined ? '?' : String(result)}`;
}

export function liveStateOfView(view: InstanceView, showCompleted: boolean, now = new Date()): LiveState {
  const elements: LiveState['elements'] = {};
  for (const [id, s] of Object.entries(view.elements)) {
    elements[id] = {
      active: s.active,
      incidents: s.incidents,
      cancelled: s.cancelled,
      completed: s.completed,
      passes: s.passes,
      ...(s.active > 0 && s.wait ? { wait: waitLabel(s.wait, now) } : {}),
    };
  }
  const decisions: LiveState['decisions'] = {};
  for (const [id, d] of Object.entries(view.decisions)) {
    const label = decisionLabel(d.condition, d.result);
    decisions[id] = { taken: d.taken, ...(label ? { label } : {}) };
  }
  return { elements, taken: Object.keys(view.flows), skipped: Object.keys(view.skipped), decisions, showCompleted };
}

/** aggregate badges across running instances of a definition (process page) */
export function liveStateOfStats(stats: ElementStats[], showCompleted: boolean): LiveState {
  const elements: LiveState['elements'] = {};
  for (const s of stats) elements[s.elementId] = { active: s.active, incidents: s.incidents, cancelled: 0, completed: s.completed, passes: 0 };
  return { elements, taken: [], skipped: [], decisions: {}, showCompleted };
}
