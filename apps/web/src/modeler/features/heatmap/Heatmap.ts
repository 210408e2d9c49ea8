/**
 * Heatmap: colours each element by a value relative to the maximum (how many instances passed, or
 * average duration) with a halo overlay painted behind the shape (z-index below the SVG), so the
 * diagram's own colours and the live badges stay untouched and readable.
 * One overlay type; `show` replaces the previous heat, `clear` removes it.
 */
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import type EventBus from 'diagram-js/lib/core/EventBus';
import { HEATMAP_CHANGED, HEAT_OVERLAY } from './heatmap-events';

type Shape = { id: string; width?: number; height?: number; waypoints?: unknown };

/** how far the heat reaches around a shape; the heat is painted behind the diagram (see live.css) */
const HALO = 14;

/** 0..1 -> a colour from cool blue to hot red */
export function heatColour(ratio: number): string {
  const r = Math.max(0, Math.min(1, ratio));
  const hue = Math.round(220 - 220 * r);
  return `hsl(${hue} 85% 50% / ${0.35 + 0.5 * r})`;
}

export default class Heatmap {
  static $inject = ['eventBus', 'overlays', 'elementRegistry'];

  private values: Record<string, number> = {};

  constructor(
    private readonly eventBus: EventBus,
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
  ) {}

  current(): Record<string, number> {
    return this.values;
  }

  /**
   * `format` renders the value shown on each element (e.g. "12 passes", "4.2 s"); `colourOf` overrides
   * the relative scale (the SLA view colours by overdue / due soon instead)
   */
  show(values: Record<string, number>, format: (value: number, id: string) => string, colourOf?: (id: string, value: number) => string): void {
    this.clear();
    this.values = values;
    const max = Math.max(0, ...Object.values(values));
    for (const [id, value] of Object.entries(values)) {
      const shape = this.elementRegistry.get(id) as Shape | undefined;
      if (!shape || shape.waypoints || value <= 0) continue;
      const el = document.createElement('div');
      el.className = 'baton-heat';
      el.style.width = `${(shape.width ?? 100) + 2 * HALO}px`;
      el.style.height = `${(shape.height ?? 80) + 2 * HALO}px`;
      el.style.background = colourOf ? colourOf(id, value) : heatColour(max > 0 ? value / max : 0);
      const label = document.createElement('span');
      label.textContent = format(value, id);
      el.appendChild(label);
      this.overlays.add(id, HEAT_OVERLAY, { position: { top: -HALO, left: -HALO }, html: el } as never);
    }
    this.eventBus.fire(HEATMAP_CHANGED, { values });
  }

  clear(): void {
    this.overlays.remove({ type: HEAT_OVERLAY });
    this.values = {};
  }
}
