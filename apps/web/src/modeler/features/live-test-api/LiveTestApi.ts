/**
 * Test-only window API of the live viewer (`window.__batonLive`): e2e reads badges, the path and the
 * heatmap from here instead of from pixels. It reflects exactly what the overlays drew last.
 */
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type EventBus from 'diagram-js/lib/core/EventBus';
import type LiveOverlay from '../live-overlay/LiveOverlay';
import type Heatmap from '../heatmap/Heatmap';
import type { ElementBadges, FlowDecisionLabel } from '../live-overlay/live-state';
import { LIVE_OVERLAY_CHANGED } from '../live-overlay/live-events';

export interface BatonLiveTestApi {
  /** increments after every overlay redraw */
  revision(): number;
  badges(): Record<string, ElementBadges>;
  taken(): string[];
  skipped(): string[];
  decisions(): Record<string, FlowDecisionLabel>;
  heat(): Record<string, number>;
  /** link badges per element (called instances) */
  links(): Record<string, { href: string; label: string }[]>;
  elementIds(): string[];
}

declare global {
  interface Window {
    __batonLive?: BatonLiveTestApi;
  }
}

export default class LiveTestApi {
  static $inject = ['eventBus', 'elementRegistry', 'liveOverlay', 'heatmap'];

  constructor(eventBus: EventBus, elementRegistry: ElementRegistry, liveOverlay: LiveOverlay, heatmap: Heatmap) {
    let revision = 0;
    eventBus.on(LIVE_OVERLAY_CHANGED, () => {
      revision++;
    });
    window.__batonLive = {
      revision: () => revision,
      badges: () => structuredClone(liveOverlay.current().elements),
      taken: () => [...liveOverlay.current().taken],
      skipped: () => [...liveOverlay.current().skipped],
      decisions: () => structuredClone(liveOverlay.current().decisions),
      heat: () => ({ ...heatmap.current() }),
      links: () => structuredClone(liveOverlay.current().links ?? {}),
      elementIds: () => (elementRegistry.getAll() as Array<{ id: string; type: string; labelTarget?: unknown }>).filter((e) => !e.labelTarget && e.type !== 'label').map((e) => e.id),
    };
    eventBus.on('diagram.destroy', () => {
      delete window.__batonLive;
    });
  }
}
