/**
 * Keeps the current lint findings of the open diagram and announces them on the EventBus as
 * `baton.problems.changed` after every lint run (bpmn-js-bpmnlint lints after each change).
 */
import type EventBus from 'diagram-js/lib/core/EventBus';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import { flattenByElement, toProblems, type Problem, type RawReport } from './problems';

export const PROBLEMS_CHANGED = 'baton.problems.changed';

export default class LintProblems {
  static $inject = ['eventBus', 'elementRegistry', 'bpmnjs'];

  private problems: Problem[] = [];

  constructor(
    private readonly eventBus: EventBus,
    private readonly elementRegistry: ElementRegistry,
    private readonly bpmnjs: { getDefinitions(): unknown },
  ) {
    eventBus.on('linting.completed', (event: { issues: Record<string, Array<RawReport & { rule: string }>> }) => {
      this.problems = toProblems(flattenByElement(event.issues), (id) => this.nameOf(id));
      eventBus.fire(PROBLEMS_CHANGED, { problems: this.problems });
    });
    eventBus.on('diagram.clear', () => {
      this.problems = [];
      eventBus.fire(PROBLEMS_CHANGED, { problems: this.problems });
    });
  }

  get(): Problem[] {
    return this.problems;
  }

  nameOf(id: string): string | null {
    const element = this.elementRegistry.get(id) as { businessObject?: { name?: string } } | undefined;
    if (element?.businessObject?.name) return element.businessObject.name;
    // Elements without a shape (e.g. a process behind a participant) are found in the model.
    const definitions = this.bpmnjs.getDefinitions() as { rootElements?: Array<{ id: string; name?: string }> } | undefined;
    const root = definitions?.rootElements?.find((e) => e.id === id);
    return root?.name ?? null;
  }
}
