/**
 * Elements the Baton runtime does not execute. They may be drawn and saved, but a process that
 * contains them must not deploy silently broken.
 */
import { is, label, type RuleFactory } from '../bpmnlint-types';

const UNSUPPORTED: Record<string, string> = {
  'bpmn:ComplexGateway': 'complex gateways are not executed by Baton; use an inclusive or exclusive gateway',
  'bpmn:Transaction': 'transactions are not executed by Baton; use a sub-process with compensation',
  'bpmn:CancelEventDefinition': 'cancel events need a transaction, which Baton does not execute',
  'bpmn:ChoreographyTask': 'choreographies are not executable',
};

const JS = /^(javascript|js|ecmascript)$/i;

const unsupportedElement: RuleFactory = () => ({
  check(node, reporter) {
    for (const [type, why] of Object.entries(UNSUPPORTED)) {
      if (!is(node, type)) continue;
      // Event definitions are reported on their event.
      const target = is(node, 'bpmn:EventDefinition') ? (node.$parent ?? node) : node;
      reporter.report(target.id, `${label(target)}: ${why}`);
    }
    if (is(node, 'bpmn:ScriptTask')) {
      const format = node.scriptFormat as string | undefined;
      if (format && !JS.test(format)) {
        reporter.report(node.id, `Script task ${label(node)} uses "${format}"; Baton runs JavaScript only`);
      }
    }
  },
});

export default unsupportedElement;
