/**
 * Message and signal events (and receive tasks) are correlated by name: without a referenced
 * message/signal that has a name, nothing can ever reach them. Error and escalation events without a
 * reference catch everything / throw nothing useful, which is allowed but usually a mistake.
 */
import { is, isAny, label, type ModdleNode, type RuleFactory } from '../bpmnlint-types';

function refName(ref: unknown): string | undefined {
  const r = ref as ModdleNode | undefined;
  return r && typeof r.name === 'string' && r.name.trim() ? r.name : undefined;
}

const eventDefinitionRef: RuleFactory = () => ({
  check(node, reporter) {
    if (is(node, 'bpmn:ReceiveTask') || is(node, 'bpmn:SendTask')) {
      if (is(node, 'bpmn:ReceiveTask') && !refName(node.messageRef)) {
        reporter.report(node.id, `Receive task ${label(node)} needs a message with a name (Message section of the properties panel)`);
      }
      return;
    }
    if (!isAny(node, ['bpmn:StartEvent', 'bpmn:IntermediateCatchEvent', 'bpmn:IntermediateThrowEvent', 'bpmn:BoundaryEvent', 'bpmn:EndEvent'])) return;
    const definitions = (node.eventDefinitions as ModdleNode[] | undefined) ?? [];
    for (const def of definitions) {
      if (is(def, 'bpmn:MessageEventDefinition')) {
        const throwing = isAny(node, ['bpmn:IntermediateThrowEvent', 'bpmn:EndEvent']);
        if (!throwing && !refName(def.messageRef)) {
          reporter.report(node.id, `Message event ${label(node)} needs a message with a name to be correlated`);
        }
      } else if (is(def, 'bpmn:SignalEventDefinition')) {
        if (!refName(def.signalRef)) {
          reporter.report(node.id, `Signal event ${label(node)} needs a signal with a name`);
        }
      } else if (is(def, 'bpmn:TimerEventDefinition')) {
        if (!def.timeDuration && !def.timeDate && !def.timeCycle) {
          reporter.report(node.id, `Timer event ${label(node)} needs a duration, date or cycle (ISO 8601, e.g. PT5M)`);
        }
      } else if (is(def, 'bpmn:ErrorEventDefinition') && isAny(node, ['bpmn:EndEvent'])) {
        if (!def.errorRef) reporter.report(node.id, `Error end event ${label(node)} should reference an error with a code`);
      }
    }
  },
});

export default eventDefinitionRef;
