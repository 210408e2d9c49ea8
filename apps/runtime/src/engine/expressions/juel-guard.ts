/**
 * Names an expression may never touch. Property names reach prototypes and the Function
 * constructor (`"".constructor.constructor("...")()`); identifiers reach host globals. Both are
 * refused even when a variable of that name exists, so the answer never depends on data.
 */
export const BLOCKED_PROPERTIES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

export const BLOCKED_IDENTIFIERS: ReadonlySet<string> = new Set([
  ...BLOCKED_PROPERTIES,
  'globalThis',
  'global',
  'window',
  'self',
  'process',
  'Function',
  'eval',
  'require',
  'module',
  'exports',
  'Reflect',
  'Proxy',
  'Object',
]);
