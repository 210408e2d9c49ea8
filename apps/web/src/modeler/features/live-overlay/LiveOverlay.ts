/**
 * Draws a LiveState onto the diagram with overlays and CSS markers, never by changing the diagram's
 * own colours. One overlay type per category (see live-events.ts), so a layer is cleared at once; each
 * `show` removes what the previous one drew, keeps no stale badge, and fires LIVE_OVERLAY_CHANGED.
 * Positions follow UX.md: active bottom-left (green), incidents bottom-right (red), cancelled
 * top-left (grey), completed top-right (grey, only with showCompleted), wait label above.
 */
import type EventBus from 'diagram-js/lib/core/EventBus';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { LIVE_LINK_CLICKED, LIVE_OVERLAY_CHANGED, MARKER, OVERLAY } from './live-events';
import { emptyLiveState, type LiveState } from './live-state';

type Shape = { id: string; type: string; width?: number; height?: number; waypoints?: { x: number; y: number }[]; x?: number; y?: number; labelTarget?: unknown };

const BADGE_SIZE = 22;

function pill(className: string, text: string, title: string): HTMLElement {
  const el = document.createElement('div');
  el.className = `baton-badge ${className}`;
  el.textContent = text;
  el.title = title;
  return el;
}

export default class LiveOverlay {
  static $inject = ['eventBus', 'overlays', 'elementRegistry', 'canvas'];

  private state: LiveState = emptyLiveState();
  private markers: { id: string; marker: string }[] = [];

  constructor(
    private readonly eventBus: EventBus,
    private readonly overlays: Overlays,
    private readonly elementRegistry: ElementRegistry,
    private readonly canvas: Canvas,
  ) {
    eventBus.on('diagram.clear', () => {
      this.state = emptyLiveState();
      this.markers = [];
    });
  }

  current(): LiveState {
    return this.state;
  }

  show(state: LiveState): void {
    this.clear();
    this.state = state;
    for (const [id, badges] of Object.entries(state.elements)) {
      const shape = this.elementRegistry.get(id) as Shape | undefined;
      if (!shape || shape.waypoints) continue;
      const width = shape.width ?? 100;
      const height = shape.height ?? 80;
      if (badges.active > 0) {
        this.add(id, OVERLAY.active, { bottom: BADGE_SIZE / 2, left: -BADGE_SIZE / 2 }, pill('baton-badge-active', String(badges.active), `${badges.active} active`));
        this.mark(id, MARKER.activeElement);
      }
      if (badges.incidents > 0) {
        this.add(id, OVERLAY.incidents, { bottom: BADGE_SIZE / 2, right: BADGE_SIZE / 2 }, pill('baton-badge-incident', `⚠ ${badges.incidents}`, `${badges.incidents} incident${badges.incidents === 1 ? '' : 's'}`));
        this.mark(id, MARKER.incidentElement);
      }
      if (badges.cancelled > 0) {
        this.add(id, OVERLAY.cancelled, { top: -BADGE_SIZE / 2, left: -BADGE_SIZE / 2 }, pill('baton-badge-cancelled', String(badges.cancelled), `${badges.cancelled} cancelled`));
      }
      if (state.showCompleted && badges.completed > 0) {
        this.add(id, OVERLAY.completed, { top: -BADGE_SIZE / 2, right: BADGE_SIZE / 2 }, pill('baton-badge-completed', `✓ ${badges.completed}`, `${badges.completed} completed`));
      }
      if (badges.completed > 0 && badges.active === 0) this.mark(id, MARKER.completedElement);
      if (badges.passes > 1) {
        this.add(id, OVERLAY.passes, { bottom: -4, left: width / 2 - 14 }, pill('baton-badge-passes', `↻ ${badges.passes}`, `entered ${badges.passes} times`));
      }
      if (badges.wait) {
        const label = document.createElement('div');
        label.className = 'baton-wait-label';
        label.textContent = badges.wait;
        this.add(id, OVERLAY.wait, { top: -28, left: 0 }, label);
      }
      void height;
    }
    for (const id of state.taken) if (this.elementRegistry.get(id)) this.mark(id, MARKER.takenFlow);
    for (const id of state.skipped) if (this.elementRegistry.get(id) && !state.taken.includes(id)) this.mark(id, MARKER.skippedFlow);
    for (const [id, decision] of Object.entries(state.decisions)) {
      const flow = this.elementRegistry.get(id) as Shape | undefined;
      if (!flow?.waypoints || !decision.label) continue;
      const [a, b] = flow.waypoints;
      const label = document.createElement('div');
      label.className = `baton-decision ${decision.taken ? 'taken' : 'skipped'}`;
      label.textContent = decision.label;
      // overlays on connections are positioned relative to the connection's bounding box
      const minX = Math.min(...flow.waypoints.map((p) => p.x));
      const minY = Math.min(...flow.waypoints.map((p) => p.y));
      this.add(id, OVERLAY.decision, { left: (a.x + b.x) / 2 - minX + 4, top: (a.y + b.y) / 2 - minY + 4 }, label);
    }
    for (const [id, links] of Object.entries(state.links ?? {})) {
      const shape = this.elementRegistry.get(id) as Shape | undefined;
      if (!shape || shape.waypoints || links.length === 0) continue;
      const box = document.createElement('div');
      box.className = 'baton-links';
      for (const link of links) {
        const a = document.createElement('a');
        a.className = 'baton-badge baton-badge-link';
        a.href = link.href;
        a.textContent = `↗ ${link.label}`;
        a.title = `open ${link.label}`;
        a.addEventListener('click', (event) => {
          event.preventDefault();
          this.eventBus.fire(LIVE_LINK_CLICKED, { href: link.href });
        });
        box.appendChild(a);
      }
      this.add(id, OVERLAY.link, { top: (shape.height ?? 80) + 6, left: 0 }, box);
    }
    this.eventBus.fire(LIVE_OVERLAY_CHANGED, { state });
  }

  clear(): void {
    for (const type of Object.values(OVERLAY)) this.overlays.remove({ type });
    for (const { id, marker } of this.markers) this.canvas.removeMarker(id, marker);
    this.markers = [];
    this.state = emptyLiveState();
  }

  private add(id: string, type: string, position: Record<string, number>, html: HTMLElement) {
    this.overlays.add(id, type, { position, html, show: { minZoom: 0.3 } } as never);
  }

  private mark(id: string, marker: string) {
    this.canvas.addMarker(id, marker);
    this.markers.push({ id, marker });
  }
}
