import { ExpressionError } from './expression-error.js';
import { evaluateFeel, isFeel } from './feel.js';
import { evaluateJuel } from './juel.js';
import { containsExpression, isSingleExpression } from './juel-template.js';
import {
  describeElement,
  scopeFromEngineContext,
  scopeFromVariables,
  variablesFromEngineContext,
  type EngineContext,
} from './engine-scope.js';

/** The `expressions` option of bpmn-engine / bpmn-elements' Environment. */
export interface EngineExpressions {
  resolveExpression(expression: unknown, context?: EngineContext, fnContext?: unknown): unknown;
  isExpression(text: unknown): boolean;
  hasExpression(text: unknown): boolean;
}

export interface ExpressionsOptions {
  /** Treat text starting with `=` as FEEL (default true). */
  feel?: boolean;
  /** Unknown bare names throw ExpressionError (default true); false makes them `undefined`. */
  strictVariables?: boolean;
}

/**
 * Safe replacement for bpmn-elements' Expressions: `${...}` is parsed by jsep and walked by our own
 * evaluator (see juel.ts), `=...` goes to feelin. Nothing is ever passed to eval/new Function.
 * `fnContext` (bpmn-elements' `this` for called functions) is ignored: only whitelisted functions
 * can be called, and they need no `this`.
 */
export function createExpressions(options: ExpressionsOptions = {}): EngineExpressions {
  const feel = options.feel ?? true;
  const strictVariables = options.strictVariables ?? true;
  return {
    resolveExpression(expression, context) {
      // The engine also routes plain values (timer strings, message names, undefined) through here.
      if (typeof expression !== 'string') return expression;
      if (feel && isFeel(expression)) {
        return evaluateFeel(expression, variablesFromEngineContext(context), describeElement(context ?? {}));
      }
      return evaluateJuel(expression, scopeFromEngineContext(context, { strictVariables }));
    },
    isExpression(text) {
      return typeof text === 'string' && ((feel && isFeel(text)) || isSingleExpression(text));
    },
    hasExpression(text) {
      return typeof text === 'string' && ((feel && isFeel(text)) || containsExpression(text));
    },
  };
}

/**
 * For the host's own expressions (assignee, candidate lists, due dates, call-activity keys):
 * evaluates `${...}`/template/`=FEEL` text over plain variables. Returns the value or throws
 * ExpressionError; `element` (an id) is named in error messages.
 */
export function evaluateExpression(text: string, variables: Record<string, unknown>, element?: string): unknown {
  const where = element ? ` on <${element}>` : '';
  if (isFeel(text)) return evaluateFeel(text, variables, where);
  return evaluateJuel(text, scopeFromVariables(variables, where));
}

export { ExpressionError };
