/**
 * At an exclusive or inclusive gateway that forks, every outgoing flow except the default one needs a
 * condition; without it the runtime cannot decide and the instance fails at that gateway.
 * (bpmnlint's `conditional-flows` only fires once some flow already has a condition.)
 */
import { isAny, label, type ModdleNode, type RuleFactory } from '../bpmnlint-types';

const gatewayFlowCondition: RuleFactory = () => ({
  check(node, reporter) {
    if (!isAny(node, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'])) return;
    const outgoing = (node.outgoing as ModdleNode[] | undefined) ?? [];
    if (outgoing.length < 2) return;
    const defaultFlow = node.default as ModdleNode | undefined;
    for (const flow of outgoing) {
      if (flow === defaultFlow || flow.conditionExpression) continue;
      reporter.report(
        flow.id,
        `Flow ${label(flow)} leaves gateway ${label(node)} without a condition: add a condition (e.g. \${approved}) or make it the default flow`,
        ['conditionExpression'],
      );
    }
  },
});

export default gatewayFlowCondition;
