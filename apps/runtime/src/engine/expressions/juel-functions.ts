/**
 * The only functions a `${}` expression may call. Everything else, including methods found on
 * values, is refused, so an expression can never reach a host function. Each entry is our own
 * implementation with checked argument types, never a lookup on the value's prototype.
 *
 * Whitelist:
 * - `dateTime()`: the current time as an ISO 8601 string.
 * - `Math.abs|ceil|floor|round|trunc|sign|sqrt|pow|min|max(...)`: numbers only.
 * - `execution.getVariable(name)`, `execution.hasVariable(name)`: Camunda-style variable access.
 * - String methods: `toUpperCase() toLowerCase() trim() startsWith(s) endsWith(s) contains(s)
 *   includes(s) indexOf(s) substring(a, b?) equals(s) isEmpty() length()`.
 * - List methods: `contains(x) includes(x) indexOf(x) size() isEmpty() join(sep?)`.
 */
export type Fn = (...args: unknown[]) => unknown;

export const GLOBAL_FUNCTIONS: Readonly<Record<string, Fn>> = {
  dateTime: () => new Date().toISOString(),
};

const num = (value: unknown): number => {
  if (typeof value !== 'number') throw new TypeError(`expected a number, got ${typeName(value)}`);
  return value;
};

export const MATH_FUNCTIONS: Readonly<Record<string, Fn>> = {
  abs: (x) => Math.abs(num(x)),
  ceil: (x) => Math.ceil(num(x)),
  floor: (x) => Math.floor(num(x)),
  round: (x) => Math.round(num(x)),
  trunc: (x) => Math.trunc(num(x)),
  sign: (x) => Math.sign(num(x)),
  sqrt: (x) => Math.sqrt(num(x)),
  pow: (x, y) => Math.pow(num(x), num(y)),
  min: (...xs) => Math.min(...xs.map(num)),
  max: (...xs) => Math.max(...xs.map(num)),
};

const str = (value: unknown): string => {
  if (typeof value !== 'string') throw new TypeError(`expected a string, got ${typeName(value)}`);
  return value;
};

type Method<T> = (self: T, ...args: unknown[]) => unknown;

export const STRING_METHODS: Readonly<Record<string, Method<string>>> = {
  toUpperCase: (s) => s.toUpperCase(),
  toLowerCase: (s) => s.toLowerCase(),
  trim: (s) => s.trim(),
  startsWith: (s, x) => s.startsWith(str(x)),
  endsWith: (s, x) => s.endsWith(str(x)),
  contains: (s, x) => s.includes(str(x)),
  includes: (s, x) => s.includes(str(x)),
  indexOf: (s, x) => s.indexOf(str(x)),
  substring: (s, a, b) => s.substring(num(a), b === undefined ? undefined : num(b)),
  equals: (s, x) => s === x,
  isEmpty: (s) => s.length === 0,
  length: (s) => s.length,
};

export const LIST_METHODS: Readonly<Record<string, Method<unknown[]>>> = {
  contains: (l, x) => l.includes(x),
  includes: (l, x) => l.includes(x),
  indexOf: (l, x) => l.indexOf(x),
  size: (l) => l.length,
  isEmpty: (l) => l.length === 0,
  join: (l, sep) => l.map((item) => (item === null || item === undefined ? '' : String(item))).join(sep === undefined ? ',' : str(sep)),
};

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}
