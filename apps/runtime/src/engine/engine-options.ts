/**
 * The engine options Baton always passes: the safe expression handler and the QuickJS script sandbox
 * (never bpmn-engine's defaults on user text), plus the evaluator the host uses for assignees, due
 * dates and other camunda:* attributes.
 */
import { createExpressions, evaluateExpression } from './expressions/index.js';
import { createScriptRunner } from './scripts/quickjs-sandbox.js';
import { createScripts } from './scripts/scripts.js';
import type { ExpressionEvaluator } from './wait-collector.js';

export interface EngineOptions {
  expressions: unknown;
  scripts: unknown;
  evaluator: ExpressionEvaluator;
  cacheSize: number;
}

export async function createEngineOptions(input: { scriptsEnabled: boolean; cacheSize: number }): Promise<EngineOptions> {
  const runner = await createScriptRunner({});
  return {
    expressions: createExpressions(),
    scripts: createScripts(runner, { enabled: input.scriptsEnabled }),
    evaluator: { evaluate: (text, variables) => evaluateExpression(text, variables) },
    cacheSize: input.cacheSize,
  };
}
