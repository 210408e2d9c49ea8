import { describe, expect, it } from 'vitest';
import { checkVariablesJson } from './variables-json';

describe('variables JSON', () => {
  it('given empty text, then there are no variables', () => {
    expect(checkVariablesJson('  ')).toEqual({ ok: true, value: undefined });
  });
  it('given an object, then it is accepted', () => {
    expect(checkVariablesJson('{"amount": 1200, "approved": true}')).toEqual({ ok: true, value: { amount: 1200, approved: true } });
  });
  it('given an array, then it asks for an object', () => {
    expect(checkVariablesJson('[1]')).toMatchObject({ ok: false, error: expect.stringMatching(/JSON object/) });
  });
  it('given broken JSON, then the error names where', () => {
    const r = checkVariablesJson('{\n  "a": 1,\n  "b": }');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/Invalid JSON/);
  });
  it('given __proto__, then it is refused', () => {
    expect(checkVariablesJson('{"__proto__": {}}')).toMatchObject({ ok: false });
  });
});
