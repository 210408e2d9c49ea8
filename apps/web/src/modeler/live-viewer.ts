/**
 * The facade React uses for the read-only live diagram (instance and process pages): a bpmn-js
 * NavigatedViewer with the live overlay, heatmap and test API modules. React never touches bpmn-js
 * services directly. Definitions without DI (deployed through the API) are laid out with
 * bpmn-auto-layout. Guarantees: overlays are redrawn only after an import finished; element clicks
 * report the business element id (labels map to their element); listeners go with destroy().
 */
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import liveOverlayModule from './features/live-overlay';
import heatmapModule from './features/heatmap';
import liveTestApiModule from './features/live-test-api';
import { LIVE_LINK_CLICKED, MARKER } from './features/live-overlay/live-events';
import type { LiveState } from './features/live-overlay/live-state';
import type LiveOverlay from './features/live-overlay/LiveOverlay';
import type Heatmap from './features/heatmap/Heatmap';
import { formatImportError } from './import-error';
import './live.css';
import { layoutWithoutDi } from './layout-without-di';

type Shape = { id: string; type: string; parent?: Shape; labelTarget?: Shape; businessObject?: { name?: string; $type?: string } };

export interface DiagramElementInfo {
  id: string;
  name: string | null;
  type: string;
  /** the enclosing sub-process, or null at process level */
  parentId: string | null;
}

export class LiveViewer {
  private readonly viewer: NavigatedViewer;
  private selectedId: string | null = null;
  private ready = false;

  constructor(container: HTMLElement) {
    this.viewer = new NavigatedViewer({ container, additionalModules: [liveOverlayModule, heatmapModule, liveTestApiModule] });
  }

  async importXml(xml: string): Promise<void> {
    this.ready = false;
    try {
      // a definition deployed through the API may carry no diagram interchange: lay it out here
      const drawable = /<([\w-]+:)?BPMNShape\b/.test(xml) ? xml : await layoutWithoutDi(xml);
      await this.viewer.importXML(drawable);
    } catch (error) {
      throw new Error(formatImportError(error));
    }
    this.ready = true;
    this.fit();
  }

  /** re-reads the container size and fits the whole diagram into it, centred */
  fit(): void {
    if (!this.ready) return;
    const canvas = this.get<{ resized(): void; zoom(level: string, center: string): void }>('canvas');
    canvas.resized();
    canvas.zoom('fit-viewport', 'auto');
  }

  isReady(): boolean {
    return this.ready;
  }

  showLive(state: LiveState): void {
    if (this.ready) this.get<LiveOverlay>('liveOverlay').show(state);
  }

  showHeat(values: Record<string, number>, format: (value: number, id: string) => string, colourOf?: (id: string, value: number) => string): void {
    if (this.ready) this.get<Heatmap>('heatmap').show(values, format, colourOf);
  }

  clearHeat(): void {
    this.get<Heatmap>('heatmap').clear();
  }

  /** every drawn element with its name and enclosing sub-process (for the history tree) */
  elements(): DiagramElementInfo[] {
    const all = this.get<{ getAll(): Shape[] }>('elementRegistry').getAll();
    return all
      .filter((e) => !e.labelTarget && e.type !== 'label' && e.type !== 'bpmn:Process' && e.type !== 'bpmn:Collaboration')
      .map((e) => {
        const parent = e.parent && e.parent.type === 'bpmn:SubProcess' ? e.parent.id : null;
        return { id: e.id, name: e.businessObject?.name ?? null, type: e.type, parentId: parent };
      });
  }

  select(id: string | null): void {
    const canvas = this.get<{ addMarker(id: string, m: string): void; removeMarker(id: string, m: string): void; scrollToElement(e: unknown): void }>('canvas');
    const registry = this.get<{ get(id: string): unknown }>('elementRegistry');
    if (this.selectedId && registry.get(this.selectedId)) canvas.removeMarker(this.selectedId, MARKER.selected);
    this.selectedId = id;
    if (id && registry.get(id)) {
      canvas.addMarker(id, MARKER.selected);
    }
  }

  onElementClick(listener: (id: string | null) => void): () => void {
    const bus = this.get<{ on(e: string, f: (e: { element: Shape }) => void): void; off(e: string, f: (e: { element: Shape }) => void): void }>('eventBus');
    const handler = (e: { element: Shape }) => {
      const element = e.element.labelTarget ?? e.element;
      const isRoot = !element.parent;
      listener(isRoot ? null : element.id);
    };
    bus.on('element.click', handler);
    return () => bus.off('element.click', handler);
  }

  /** a link badge (e.g. a called instance) was clicked */
  onLink(listener: (href: string) => void): () => void {
    const bus = this.get<{ on(e: string, f: (e: { href: string }) => void): void; off(e: string, f: (e: { href: string }) => void): void }>('eventBus');
    const handler = (e: { href: string }) => listener(e.href);
    bus.on(LIVE_LINK_CLICKED, handler);
    return () => bus.off(LIVE_LINK_CLICKED, handler);
  }

  destroy(): void {
    this.viewer.destroy();
  }

  private get<T>(name: string): T {
    return this.viewer.get(name) as T;
  }
}
