/**
 * Variable conditions of the task inbox (= != < > contains), evaluated on an instance's variables.
 * Numbers compare as numbers when both sides are numeric (a "1000" typed into a filter box matches
 * the variable 1000); otherwise `<`/`>` compare text, which orders ISO dates correctly. A missing
 * variable satisfies only `!=`.
 */
import type { VariableCondition } from '@baton/shared';

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function equals(actual: unknown, expected: unknown): boolean {
  if (actual === undefined) return false;
  const a = asNumber(actual);
  const b = asNumber(expected);
  if (typeof actual === 'number' && b !== undefined) return actual === b;
  if (a !== undefined && typeof expected === 'number') return a === expected;
  if (typeof actual === 'boolean') return String(actual) === String(expected);
  if (actual === null || expected === null) return actual === expected || (actual === null && expected === 'null');
  return text(actual) === text(expected);
}

export function matchesCondition(variables: Record<string, unknown>, condition: VariableCondition): boolean {
  const actual = Object.prototype.hasOwnProperty.call(variables, condition.name) ? variables[condition.name] : undefined;
  const expected = condition.value;
  switch (condition.op) {
    case 'eq':
      return equals(actual, expected);
    case 'neq':
      return !equals(actual, expected);
    case 'lt':
    case 'gt': {
      if (actual === undefined || actual === null || expected === null) return false;
      const a = asNumber(actual);
      const b = asNumber(expected);
      const cmp = a !== undefined && b !== undefined ? a - b : text(actual).localeCompare(text(expected));
      return condition.op === 'lt' ? cmp < 0 : cmp > 0;
    }
    case 'contains': {
      if (actual === undefined || actual === null || expected === null) return false;
      if (Array.isArray(actual)) return actual.some((item) => equals(item, expected));
      return text(actual).toLowerCase().includes(String(expected).toLowerCase());
    }
    default: {
      const unreachable: never = condition.op;
      return unreachable;
    }
  }
}

export function matchesConditions(variables: Record<string, unknown>, conditions: readonly VariableCondition[] | undefined): boolean {
  return !conditions?.length || conditions.every((c) => matchesCondition(variables, c));
}
