import { evaluate, unaryTest } from 'feelin';
import { ExpressionError } from './expression-error.js';

/** FEEL text is Camunda 8 style: a leading `=` marks the rest as FEEL. */
export function isFeel(text: string): boolean {
  return text.startsWith('=');
}

// feelin resolves paths itself and will hand back prototype members (`x.constructor` yields the
// Object function), so these names are refused before evaluation.
const BLOCKED = /(__proto__|\bconstructor\b|\bprototype\b)/;

/**
 * Evaluates `=<FEEL>` over the variables with feelin. Unknown names are `null` (FEEL semantics),
 * not errors. Variables are deep-copied into null-prototype, function-free data first, so FEEL
 * can reach neither host functions nor the caller's objects.
 */
export function evaluateFeel(text: string, variables: Record<string, unknown>, where = ''): unknown {
  const source = isFeel(text) ? text.slice(1) : text;
  guard(text, source, where);
  return run(text, where, () => evaluate(source, toFeelContext(variables)));
}

/** FEEL unary test (`> 1000`, `"a","b"`, `[1..10]`) against `input`, e.g. for DMN-like rules. */
export function unaryTestFeel(test: string, input: unknown, variables: Record<string, unknown> = {}, where = ''): boolean {
  guard(test, test, where);
  return run(test, where, () => unaryTest(test, { ...toFeelContext(variables), '?': toFeelValue(input, 0) }));
}

function guard(text: string, source: string, where: string): void {
  const hit = BLOCKED.exec(source);
  if (hit) throw new ExpressionError(`expression "${text}"${where}: access to "${hit[1]}" is not allowed`, text);
}

function run<T>(text: string, where: string, fn: () => T): T {
  let result: T;
  try {
    result = fn();
  } catch (err) {
    throw new ExpressionError(`expression "${text}"${where}: FEEL error: ${(err as Error).message}`, text, { cause: err });
  }
  if (typeof result === 'function') throw new ExpressionError(`expression "${text}"${where}: FEEL returned a function`, text);
  return result;
}

const MAX_DEPTH = 32;

function toFeelContext(variables: Record<string, unknown>): Record<string, unknown> {
  return toFeelValue(variables, 0) as Record<string, unknown>;
}

function toFeelValue(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? undefined : value;
  if (depth > MAX_DEPTH) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toFeelValue(item, depth + 1));
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__' || typeof item === 'function') continue;
    out[key] = toFeelValue(item, depth + 1);
  }
  return out;
}
