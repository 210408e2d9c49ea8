/**
 * The default flow of an ACTIVITY (not a gateway), BPMN 2.0 §13.2.1 (p. 427): it is taken when none of
 * the activity's CONDITIONAL outgoing flows is true; an unconditional outgoing flow is always taken and
 * does not suppress the default. bpmn-elements' outbound evaluator counts any taken flow, so a task
 * with one conditional, one unconditional and one default flow never took its default.
 *
 * bpmn-elements builds the evaluator inside each Activity; this `extensions` entry (called once per
 * activity) replaces the evaluator's flow-evaluated handler for activities that have a default flow
 * next to unconditional ones. The handler is bpmn-elements' own logic with that one rule changed.
 */
import type { BrokerMessage } from './engine-internals.js';

const FLOWS = Symbol.for('flows');

interface FlowLike {
  id: string;
  targetId: string;
  isDefault?: boolean;
  behaviour?: { conditionExpression?: unknown };
}

interface EvaluateArgs {
  flows: FlowLike[];
  result: Record<string, unknown>;
  conditionMet: boolean;
  takenCount: number;
  discardRestAtTake: boolean;
}

interface Evaluator {
  outboundFlows: FlowLike[];
  evaluateArgs: EvaluateArgs;
  _onEvaluated: (routingKey: string, message: BrokerMessage & { ack(): void }) => void;
  evaluateFlow(flow: FlowLike): void;
  completed(): void;
}

interface ActivityLike {
  type: string;
  [FLOWS]?: { outboundEvaluator?: Evaluator };
}

const discard = (flow: FlowLike) => ({ action: 'discard', id: flow.id, targetId: flow.targetId, ...(flow.isDefault ? { isDefault: true } : {}) });

export function activityDefaultFlows(activity: ActivityLike) {
  if (activity.type.endsWith('Gateway')) return;
  const evaluator = activity[FLOWS]?.outboundEvaluator;
  if (!evaluator) return;
  const flows = evaluator.outboundFlows;
  const hasUnconditional = flows.some((f) => !f.isDefault && !f.behaviour?.conditionExpression);
  if (!flows.some((f) => f.isDefault) || !hasUnconditional) return;
  const conditional = new Set(flows.filter((f) => f.behaviour?.conditionExpression).map((f) => f.id));

  evaluator._onEvaluated = function onEvaluated(_routingKey, message) {
    const { id: flowId, action } = message.content as { id: string; action: string };
    const args = evaluator.evaluateArgs;
    if (action === 'take') {
      args.takenCount += 1;
      if (conditional.has(flowId)) args.conditionMet = true;
    }
    args.result[flowId] = message.content;
    const next = args.flows.shift();
    if (!next) return evaluator.completed();
    if (next.isDefault && args.conditionMet) {
      args.result[next.id] = discard(next);
      return evaluator.completed();
    }
    message.ack();
    evaluator.evaluateFlow(next);
  };
}
