/**
 * Variable passing between a call activity and the instance it calls, as Camunda 7 defines it:
 * `camunda:in` maps parent -> child when the child starts, `camunda:out` maps child -> parent when it
 * completes. `variables="all"` copies every variable; `source`/`sourceExpression` + `target` copy
 * one. With no mapping at all nothing is passed (Camunda's rule, so a child never sees data by accident).
 */
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
