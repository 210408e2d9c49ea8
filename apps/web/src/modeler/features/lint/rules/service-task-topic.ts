/**
 * Baton runs service-like tasks only as external jobs (DESIGN: "Service tasks: external jobs by topic").
 * A service task without `camunda:type="external"` + `camunda:topic` deploys but never runs.
 */
import { isAny, label, type RuleFactory } from '../bpmnlint-types';

const SERVICE_LIKE = ['bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:BusinessRuleTask'];

const serviceTaskTopic: RuleFactory = () => ({
  check(node, reporter) {
    if (!isAny(node, SERVICE_LIKE)) return;
    // Message end/throw events carry their implementation on the event definition, not checked here.
    const type = node.get('camunda:type');
    const topic = node.get('camunda:topic');
    const javaImpl = node.get('camunda:class') || node.get('camunda:expression') || node.get('camunda:delegateExpression');
    if (javaImpl) {
      reporter.report(node.id, `${label(node)} uses a Java class/expression, which Baton cannot run: set Implementation to "External" with a topic`);
      return;
    }
    if (type !== 'external') {
      reporter.report(node.id, `${label(node)} has no implementation: set Implementation to "External" and give it a topic`);
      return;
    }
    if (typeof topic !== 'string' || !topic.trim()) {
      reporter.report(node.id, `${label(node)} is external but has no topic: set the Topic a worker fetches`, ['camunda:topic']);
    }
  },
});

export default serviceTaskTopic;
