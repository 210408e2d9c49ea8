import { describe, expect, it } from 'vitest';
import { parseVariablesJson } from './VariablesPanel';

describe('variables editor validation', () => {
  it('accepts a JSON object and refuses everything else with a reason', () => {
    expect(parseVariablesJson('{"amount": 10, "ok": true}')).toEqual({ value: { amount: 10, ok: true } });
    expect(parseVariablesJson('[1, 2]').error).toMatch(/JSON object/);
    expect(parseVariablesJson('{"amount": }').error).toBeDefined();
    expect(parseVariablesJson('{"__proto__": {"x": 1}}').error).toMatch(/not allowed/);
  });
});
