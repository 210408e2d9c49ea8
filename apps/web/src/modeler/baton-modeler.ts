/**
 * The facade React uses to drive bpmn-js. React never touches bpmn-js services directly; everything
 * the editor screen needs (import, save, lint, selection, forms, export) goes through this class.
 * Guarantees: importXml never leaves a blank canvas on failure (the previous diagram stays and the
 * error carries the XML line); change/problem listeners are removed on destroy.
 */
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule,
} from 'bpmn-js-properties-panel';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import minimapModule from 'diagram-js-minimap';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'diagram-js-minimap/assets/diagram-js-minimap.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import lintModule from './features/lint';
import { batonLintConfig } from './features/lint/lint-config';
import { lintDefinitions } from './features/lint/lint-definitions';
import { PROBLEMS_CHANGED } from './features/lint/LintProblems';
import type { Problem } from './features/lint/problems';
import formsModule from './features/forms';
import batonModdle from './features/forms/baton-moddle';
import type { FormSchema } from './features/forms/form-schema';
import importRepairModule from './features/import-repair';
import { repairNamespaces } from './features/import-repair/repair-namespaces';
import testApiModule from './features/test-api';
import { diCoverage, type NotDrawn } from './di-coverage';
import { describeDroppedContent, formatImportError, isFatalWarning } from './import-error';
import { completeFlowNodeRefs } from './flow-node-refs';
import './modeler.css';

export interface ImportResult {
  warnings: string[];
  /** Sentences for the user: repairs made and content that was dropped. */
  notes: string[];
  notDrawn: NotDrawn[];
  total: number;
}

export interface SelectedElement {
  id: string;
  type: string;
  name: string | null;
  canHaveForm: boolean;
}

export interface ProcessInfo {
  id: string;
  name: string | null;
  isExecutable: boolean;
}

type Listener<T> = (value: T) => void;

type ParseResult = { rootElement?: unknown; warnings: Array<{ message: string }> };
type Moddle = { fromXML(xml: string, ...rest: unknown[]): Promise<ParseResult> };

/**
 * Runs an import that would parse `xml` again (bpmn-js parses the XML that `import.parse.start`
 * hands it, which ImportRepair makes the same repaired text) and gives it the parse we already
 * have instead — parsing a large diagram twice is a visible part of opening it. Other XML, and
 * any parse after the first, still goes to moddle.
 */
async function reusingParse<T>(moddle: Moddle, xml: string, parsed: ParseResult, run: () => Promise<T>): Promise<T> {
  const own = Object.prototype.hasOwnProperty.call(moddle, 'fromXML');
  const original = moddle.fromXML;
  let reused = false;
  moddle.fromXML = (text: string, ...rest: unknown[]) => {
    if (!reused && text === xml) {
      reused = true;
      return Promise.resolve(parsed);
    }
    return original.call(moddle, text, ...rest);
  };
  try {
    return await run();
  } finally {
    if (own) moddle.fromXML = original;
    else delete (moddle as Partial<Moddle>).fromXML;
  }
}

export class DiagramImportError extends Error {}

export class BatonModeler {
  private readonly modeler: BpmnModeler;
  private dirty = false;
  private notDrawn: NotDrawn[] = [];
  private diTotal = 0;
  private imported = 0;
  private importing = false;

  constructor(
    private readonly container: HTMLElement,
    propertiesPanel: HTMLElement,
  ) {
    const canvas = container;
    this.modeler = new BpmnModeler({
      container: canvas,
      propertiesPanel: { parent: propertiesPanel },
      linting: { bpmnlint: batonLintConfig, active: true },
      minimap: { open: false },
      additionalModules: [
        BpmnPropertiesPanelModule,
        BpmnPropertiesProviderModule,
        CamundaPlatformPropertiesProviderModule,
        CamundaBehaviorsModule,
        minimapModule,
        lintModule,
        formsModule,
        importRepairModule,
        testApiModule,
      ],
      moddleExtensions: { camunda: camundaModdle, baton: batonModdle },
    });
    const testApi = this.get<{ extra: { notDrawn: () => NotDrawn[]; diTotal: () => number; dirty: () => boolean } }>('batonTestApi');
    testApi.extra = { notDrawn: () => this.notDrawn, diTotal: () => this.diTotal, dirty: () => this.dirty };
    this.on('commandStack.changed', () => {
      if (!this.importing) this.dirty = true;
    });
  }

  /** Imports XML. On failure throws DiagramImportError with the line; the current diagram is kept. */
  async importXml(xml: string): Promise<ImportResult> {
    let result: { warnings: Array<{ message: string; element?: { id?: string } }> };
    this.importing = true;
    try {
      // Parse first: a fatal parse error must not clear the canvas that is showing now.
      const moddle = this.get<Moddle>('moddle');
      const repaired = repairNamespaces(xml).xml;
      const parsed = await moddle.fromXML(repaired);
      const fatal = parsed.warnings.find((w) => isFatalWarning(w.message));
      if (fatal) throw new Error(fatal.message);
      // nodes list their flows, so lint sees the connections the runtime sees (flow-node-refs.ts)
      completeFlowNodeRefs(parsed.rootElement);
      result = (await reusingParse(moddle, repaired, parsed, () => this.modeler.importXML(xml))) as unknown as typeof result;
    } catch (error) {
      throw new DiagramImportError(formatImportError(error));
    } finally {
      this.importing = false;
    }
    this.dirty = false;
    const registry = this.get<{ get(id: string): unknown }>('elementRegistry');
    const coverage = diCoverage(this.modeler.getDefinitions() as never, (id) => !!registry.get(id), result.warnings as never);
    this.notDrawn = coverage.notDrawn;
    this.diTotal = coverage.total;
    this.imported++;
    this.container.dataset.imports = String(this.imported);
    this.get<{ zoom(level: string): void }>('canvas').zoom('fit-viewport');
    const warnings = result.warnings.map((w) => w.message);
    const dropped = describeDroppedContent(warnings);
    const notes = [...this.get<{ repairs(): string[] }>('importRepair').repairs(), ...(dropped ? [dropped] : [])];
    return { warnings, notes, notDrawn: coverage.notDrawn, total: coverage.total };
  }

  async saveXml(): Promise<string> {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml ?? '';
  }

  async saveSvg(): Promise<string> {
    const { svg } = await this.modeler.saveSVG();
    return svg;
  }

  isDirty(): boolean {
    return this.dirty;
  }

  markSaved(): void {
    this.dirty = false;
  }

  onChange(listener: () => void): () => void {
    return this.on('commandStack.changed', () => {
      if (!this.importing) listener();
    });
  }

  onProblems(listener: Listener<Problem[]>): () => void {
    return this.on(PROBLEMS_CHANGED, (e: { problems: Problem[] }) => listener(e.problems));
  }

  problems(): Problem[] {
    return this.get<{ get(): Problem[] }>('lintProblems').get();
  }

  /** Lints the current model now (not waiting for the debounced canvas lint). */
  lint(): Promise<Problem[]> {
    const problems = this.get<{ nameOf(id: string): string | null }>('lintProblems');
    return lintDefinitions(this.modeler.getDefinitions(), (id) => problems.nameOf(id));
  }

  onSelection(listener: Listener<SelectedElement | null>): () => void {
    return this.on('selection.changed', () => listener(this.selected()));
  }

  selected(): SelectedElement | null {
    const [el] = this.get<{ get(): Array<{ id: string; type: string; businessObject?: { name?: string } }> }>('selection').get();
    if (!el) return null;
    return { id: el.id, type: el.type, name: el.businessObject?.name ?? null, canHaveForm: this.forms().canHaveForm(el.id) };
  }

  /** Selects the element and scrolls it into view; returns false when it is not on the canvas. */
  selectElement(id: string): boolean {
    const el = this.get<{ get(id: string): unknown }>('elementRegistry').get(id);
    if (!el) return false;
    this.get<{ select(e: unknown): void }>('selection').select(el);
    this.get<{ scrollToElement(e: unknown): void }>('canvas').scrollToElement(el);
    return true;
  }

  /** The executable process (the Definition key on deploy); the first process when none is executable. */
  process(): ProcessInfo | null {
    const defs = this.modeler.getDefinitions() as { rootElements?: Array<{ $type: string; id: string; name?: string; isExecutable?: boolean }> } | undefined;
    const processes = (defs?.rootElements ?? []).filter((e) => e.$type === 'bpmn:Process');
    const p = processes.find((e) => e.isExecutable) ?? processes[0];
    return p ? { id: p.id, name: p.name ?? null, isExecutable: !!p.isExecutable } : null;
  }

  getForm(elementId: string): { formId: string; schema: FormSchema | null } | null {
    return this.forms().getForm(elementId);
  }

  newFormSchema(elementId: string): FormSchema {
    return this.forms().newSchema(elementId);
  }

  linkForm(elementId: string, schema: FormSchema): string {
    return this.forms().linkForm(elementId, schema);
  }

  unlinkForm(elementId: string): void {
    this.forms().unlinkForm(elementId);
  }

  toggleMinimap(): void {
    this.get<{ toggle(): void }>('minimap').toggle();
  }

  zoom(action: 'in' | 'out' | 'fit'): void {
    const canvas = this.get<{ zoom(level?: number | string, center?: unknown): number }>('canvas');
    if (action === 'fit') canvas.zoom('fit-viewport');
    else canvas.zoom(canvas.zoom() * (action === 'in' ? 1.2 : 1 / 1.2));
  }

  /** Runs an editor action (undo, redo, find...) by its bpmn-js name. */
  trigger(action: 'undo' | 'redo' | 'find'): void {
    this.get<{ trigger(a: string): void }>('editorActions').trigger(action);
  }

  focus(): void {
    this.get<{ focus?(): void }>('canvas').focus?.();
  }

  destroy(): void {
    this.modeler.destroy();
  }

  private forms() {
    return this.get<{
      canHaveForm(id: string): boolean;
      getForm(id: string): { formId: string; schema: FormSchema | null } | null;
      newSchema(id: string): FormSchema;
      linkForm(id: string, s: FormSchema): string;
      unlinkForm(id: string): void;
    }>('bpmnForms');
  }

  private get<T>(name: string): T {
    return this.modeler.get(name) as T;
  }

  private on<E>(event: string, fn: (e: E) => void): () => void {
    const bus = this.get<{ on(e: string, f: (e: E) => void): void; off(e: string, f: (e: E) => void): void }>('eventBus');
    bus.on(event, fn);
    return () => bus.off(event, fn);
  }
}
