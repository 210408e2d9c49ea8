/**
 * Heatmap: colours each element by a value relative to the maximum (how many instances passed, or
 * average duration) with an SVG halo inserted behind the shape's visual and a small label overlay
 * below it, so the diagram's own colours and the live badges stay untouched and readable.
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
  private halos: SVGElement[] = [];

  constructor(
    private readonly eventBus: EventBus,
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
  ) {
    eventBus.on('diagram.clear', () => {
      this.values = {};
      this.halos = [];
    });
  }

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
      // the halo is an SVG rect inserted behind the element's visual (HTML overlays always paint above)
      const gfx = this.elementRegistry.getGraphics(id) as SVGGElement | undefined;
      if (gfx) {
        const halo = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
        halo.setAttribute('class', 'baton-heat-halo');
        halo.setAttribute('x', String(-HALO));
        halo.setAttribute('y', String(-HALO));
        halo.setAttribute('width', String((shape.width ?? 100) + 2 * HALO));
        halo.setAttribute('height', String((shape.height ?? 80) + 2 * HALO));
        halo.setAttribute('rx', '16');
        halo.style.fill = colourOf ? colourOf(id, value) : heatColour(max > 0 ? value / max : 0);
        gfx.insertBefore(halo, gfx.firstChild);
        this.halos.push(halo);
      }
      const label = document.createElement('div');
      label.className = 'baton-heat-label';
      label.textContent = format(value, id);
      this.overlays.add(id, HEAT_OVERLAY, { position: { top: (shape.height ?? 80) + HALO + 2, left: -HALO }, html: label } as never);
    }
    this.eventBus.fire(HEATMAP_CHANGED, { values });
  }

  clear(): void {
    this.overlays.remove({ type: HEAT_OVERLAY });
    for (const halo of this.halos) halo.remove();
    this.halos = [];
    this.values = {};
  }
}
