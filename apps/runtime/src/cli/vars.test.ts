import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-errors.js';
import { parseVars } from './vars.js';

describe('parseVars', () => {
  it('given JSON values, then they keep their type; anything else is a string', () => {
    expect(parseVars(['n=1200', 'ok=true', 'none=null', 'q="0042"', 'name=Ada', 'list=[1,2]', 'eq=a=b', 'empty='])).toEqual({
      n: 1200,
      ok: true,
      none: null,
      q: '0042',
      name: 'Ada',
      list: [1, 2],
      eq: 'a=b',
      empty: '',
    });
  });

  it('given no --var, then there are no variables', () => {
    expect(parseVars(undefined)).toBeUndefined();
    expect(parseVars([])).toBeUndefined();
  });

  it('given a pair without a name or a forbidden name, then it is a usage error', () => {
    expect(() => parseVars(['novalue'])).toThrow(UsageError);
    expect(() => parseVars(['=1'])).toThrow(/name=value/);
    expect(() => parseVars(['__proto__=1'])).toThrow(/not a usable variable name/);
  });
});
