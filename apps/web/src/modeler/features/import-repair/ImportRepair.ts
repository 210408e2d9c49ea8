/**
 * Hooks the import repairs into bpmn-js's documented import events: `import.parse.start` may replace
 * the XML (namespace clashes), `import.parse.complete` may fix the definitions (planes bpmn-js cannot
 * show). Each repair is one sentence for the user, available from repairs() after the import.
 */
import { repairNamespaces } from './repair-namespaces';
import { repairPlanes } from './repair-planes';

type Bus = { on(e: string, fn: (e: { xml?: string; definitions?: unknown; error?: unknown }) => unknown): void };

export default class ImportRepair {
  static $inject = ['eventBus'];

  private notes: string[] = [];

  constructor(eventBus: Bus) {
    eventBus.on('import.parse.start', (event) => {
      const { xml, notes } = repairNamespaces(event.xml ?? '');
      this.notes = notes;
      return xml;
    });
    eventBus.on('import.parse.complete', (event) => {
      if (!event.error) this.notes = [...this.notes, ...repairPlanes(event.definitions as never)];
      return event.definitions;
    });
  }

  /** What the last import repaired, one sentence each. */
  repairs(): string[] {
    return this.notes;
  }
}
