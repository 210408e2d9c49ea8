/**
 * Call activities in the host: which calls a step started (to request) or left unanswered (to
 * cancel), and the variable passing between a call activity and the instance it calls, as Camunda 7 defines it:
 * `camunda:in` maps parent -> child when the child starts, `camunda:out` maps child -> parent when it
 * completes. `variables="all"` copies every variable; `source`/`sourceExpression` + `target` copy
 * one. With no mapping at all nothing is passed (Camunda's rule, so a child never sees data by accident).
 */
import type { ElementInfo } from './definition-model.js';
import type { ExpressionEvaluator } from './wait-collector.js';

export interface VariableMapping {
  all?: boolean;
  source?: string;
  sourceExpression?: string;
  target?: string;
}

export function mapVariables(mappings: VariableMapping[] | undefined, from: Record<string, unknown>, evaluator: ExpressionEvaluator): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const mapping of mappings ?? []) {
    if (mapping.all) {
      Object.assign(result, from);
      continue;
    }
    const target = mapping.target ?? mapping.source;
    if (!target) continue;
    if (mapping.sourceExpression) result[target] = evaluator.evaluate(mapping.sourceExpression, from);
    else if (mapping.source !== undefined && mapping.source in from) result[target] = from[mapping.source];
  }
  return result;
}

/** a call activity reached in this step: the services start the called instance */
export interface CallRequest {
  executionId: string;
  elementId: string;
  /** process key to call (expressions resolved) */
  key: string;
  /** a pinned version (camunda:calledElementBinding="version"), else the latest */
  version?: number;
  variables: Record<string, unknown>;
}

interface PostponedLike {
  id: string;
  type: string;
  executionId: string;
}

/**
 * New call activity executions (their called instance is to be started) and ones that went away
 * without being completed by their called instance (interrupted, cancelled: stop that instance).
 * `announced` holds the executions already requested; it is updated in place and kept in the snapshot.
 */
export function callChanges(announced: Set<string>, postponed: PostponedLike[], elements: Map<string, ElementInfo>, variables: Record<string, unknown>, evaluator: ExpressionEvaluator) {
  const calls: CallRequest[] = [];
  const waiting = new Set<string>();
  for (const api of postponed) {
    if (api.type !== 'bpmn:CallActivity') continue;
    waiting.add(api.executionId);
    if (announced.has(api.executionId)) continue;
    announced.add(api.executionId);
    const info = elements.get(api.id);
    const key = String(evaluator.evaluate(info?.calledElement ?? '', variables) ?? '');
    const pinned = info?.calledElementBinding === 'version' && info.calledElementVersion !== undefined ? Number(evaluator.evaluate(info.calledElementVersion, variables)) : undefined;
    calls.push({ executionId: api.executionId, elementId: api.id, key, ...(pinned !== undefined && Number.isFinite(pinned) ? { version: pinned } : {}), variables: mapVariables(info?.callIn, variables, evaluator) });
  }
  const endedCalls = [...announced].filter((id) => !waiting.has(id));
  for (const id of endedCalls) announced.delete(id);
  return { calls, endedCalls };
}
