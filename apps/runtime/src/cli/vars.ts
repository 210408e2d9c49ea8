/**
 * `--var k=v` values: the value is read as JSON when it parses (numbers, booleans, null, quoted
 * strings, arrays, objects) and is a plain string otherwise, so `--var name=Ada` and
 * `--var amount=1200` both do what a person means; `--var id='"0042"'` keeps a numeric-looking string.
 */
import { UsageError } from './cli-errors.js';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function parseVars(pairs: readonly string[] | undefined): Record<string, unknown> | undefined {
  if (!pairs?.length) return undefined;
  const vars: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var needs name=value; got "${pair}"`);
    const name = pair.slice(0, eq).trim();
    if (!name || FORBIDDEN.has(name)) throw new UsageError(`--var: "${name}" is not a usable variable name`);
    vars[name] = parseValue(pair.slice(eq + 1));
  }
  return vars;
}
