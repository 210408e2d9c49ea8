import { describe, expect, it } from 'vitest';
import { ExpressionError } from './expression-error.js';
import { evaluateExpression } from './expressions.js';
import { unaryTestFeel } from './feel.js';

describe('FEEL', () => {
  const vars = { amount: 5000, name: 'Ada', order: { lines: [{ qty: 2 }, { qty: 3 }] } };
  it.each([
    ['=amount > 1000', true],
    ['=amount > 10000', false],
    ['=if amount > 1000 then "big" else "small"', 'big'],
    ['="Hello " + name', 'Hello Ada'],
    ['=sum(for l in order.lines return l.qty)', 5],
    ['=unknown', null],
  ])('%s', (text, expected) => {
    expect(evaluateExpression(text, vars)).toEqual(expected);
  });

  it('runs unary tests', () => {
    expect(unaryTestFeel('> 1000', 5000)).toBe(true);
    expect(unaryTestFeel('[1..10]', 50)).toBe(false);
  });

  it.each(['=amount.constructor', '=x.__proto__', '=x.prototype'])('refuses %s', (text) => {
    expect(() => evaluateExpression(text, { amount: 1, x: {} })).toThrow(ExpressionError);
  });

  it('reports FEEL syntax errors as ExpressionError', () => {
    expect(() => evaluateExpression('=amount >', vars, 'flow1')).toThrow(/on <flow1>: FEEL error/);
  });

  it('cannot call functions passed in variables', () => {
    let called = false;
    const fn = () => ((called = true), 1);
    expect(evaluateExpression('=fn()', { fn })).toBeNull();
    expect(called).toBe(false);
  });
});
