import type { Problem } from '../lint/problems';

type Element = { id: string; type: string; businessObject?: { name?: string }; labelTarget?: unknown };

export interface BatonModelerTestApi {
  elementIds(): string[];
  elements(): Array<{ id: string; type: string; name: string | null }>;
  selection(): string[];
  select(id: string): void;
  problems(): Problem[];
  notDrawn(): Array<{ id: string; name: string | null; type: string; reason: string }>;
  /** DI elements in the file (all diagrams) after the last import; drawn + notDrawn().length = total. */
  diTotal(): number;
  xml(): Promise<string>;
  dirty(): boolean;
}

declare global {
  interface Window {
    __batonModeler?: BatonModelerTestApi;
  }
}

export default class TestApi {
  static $inject = ['eventBus', 'elementRegistry', 'selection', 'bpmnjs', 'lintProblems'];

  /** Filled in by the facade (it knows dirty state and DI coverage). */
  extra: { notDrawn: () => ReturnType<BatonModelerTestApi['notDrawn']>; diTotal: () => number; dirty: () => boolean } = {
    notDrawn: () => [],
    diTotal: () => 0,
    dirty: () => false,
  };

  constructor(
    eventBus: { on(e: string, fn: () => void): void },
    elementRegistry: { getAll(): Element[]; get(id: string): Element | undefined },
    selection: { get(): Element[]; select(e: Element): void },
    bpmnjs: { saveXML(o: { format: boolean }): Promise<{ xml?: string }> },
    lintProblems: { get(): Problem[] },
  ) {
    const real = () => elementRegistry.getAll().filter((e) => !e.labelTarget && e.type !== 'label');
    const api: BatonModelerTestApi = {
      elementIds: () => real().map((e) => e.id),
      elements: () => real().map((e) => ({ id: e.id, type: e.type, name: e.businessObject?.name ?? null })),
      selection: () => selection.get().map((e) => e.id),
      select: (id) => {
        const el = elementRegistry.get(id);
        if (el) selection.select(el);
      },
      problems: () => lintProblems.get(),
      notDrawn: () => this.extra.notDrawn(),
      diTotal: () => this.extra.diTotal(),
      xml: async () => (await bpmnjs.saveXML({ format: true })).xml ?? '',
      dirty: () => this.extra.dirty(),
    };
    window.__batonModeler = api;
    eventBus.on('diagram.destroy', () => {
      if (window.__batonModeler === api) delete window.__batonModeler;
    });
  }
}
