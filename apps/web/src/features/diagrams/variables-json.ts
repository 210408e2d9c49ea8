/** Validates the Start-instance variables editor as the user types. */
export type VariablesCheck = { ok: true; value: Record<string, unknown> | undefined } | { ok: false; error: string };

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function checkVariablesJson(text: string): VariablesCheck {
  if (!text.trim()) return { ok: true, value: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(msg);
    if (pos) {
      const upto = text.slice(0, Number(pos[1]));
      const line = upto.split('\n').length;
      const column = upto.length - upto.lastIndexOf('\n');
      return { ok: false, error: `Invalid JSON at line ${line}, column ${column}: ${msg.replace(/ in JSON at position \d+.*$/, '')}` };
    }
    return { ok: false, error: `Invalid JSON: ${msg}` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, error: 'Variables must be a JSON object, e.g. { "amount": 1200 }' };
  }
  const bad = Object.keys(value).find((k) => FORBIDDEN.has(k));
  if (bad) return { ok: false, error: `Variable name "${bad}" is not allowed` };
  return { ok: true, value: value as Record<string, unknown> };
}
