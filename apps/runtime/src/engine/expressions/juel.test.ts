import { describe, expect, it } from 'vitest';
import { ExpressionError } from './expression-error.js';
import { evaluateExpression } from './expressions.js';

const vars = {
  amount: 5000,
  name: 'Ada',
  approved: true,
  items: [1, 2, 3],
  order: { id: 'o-1', lines: [{ sku: 'a' }], 'odd key': 7 },
  blank: '',
  none: null,
  numText: '42',
};
const ev = (text: string, v: Record<string, unknown> = vars) => evaluateExpression(text, v);

describe('juel operators', () => {
  it.each([
    ['${amount > 1000}', true],
    ['${amount < 1000}', false],
    ['${amount >= 5000}', true],
    ['${amount <= 4999}', false],
    ['${amount == 5000}', true],
    ['${amount != 5000}', false],
    ['${amount gt 1000}', true],
    ['${amount lt 1000}', false],
    ['${amount ge 5000}', true],
    ['${amount le 5000}', true],
    ['${amount eq 5000}', true],
    ['${amount ne 5000}', false],
    ['${approved and amount > 1}', true],
    ['${approved && amount < 1}', false],
    ['${not approved or amount > 1}', true],
    ['${!approved || false}', false],
    ['${not approved}', false],
    ['${amount + 1}', 5001],
    ['${amount - 1}', 4999],
    ['${amount * 2}', 10000],
    ['${amount / 4}', 1250],
    ['${amount % 7}', 5000 % 7],
    ['${amount div 4}', 1250],
    ['${amount mod 7}', 5000 % 7],
    ['${-amount}', -5000],
    ['${(1 + 2) * 3}', 9],
    ['${amount > 1000 ? "big" : "small"}', 'big'],
    ['${empty blank}', true],
    ['${empty name}', false],
    ['${empty none}', true],
    ['${empty items}', false],
    ['${empty []}', true],
    ['${empty missing}', true],
    ['${not empty name}', true],
    ['${"a" + "b"}', 'ab'],
    ['${name + 1}', 'Ada1'],
    ['${numText == 42}', true],
    ['${numText > 41}', true],
    ['${"b" > "a"}', true],
    ['${approved == "true"}', true],
    ['${none == null}', true],
    ['${none > 1}', false],
    ['${[1, "x", approved]}', [1, 'x', true]],
    ['${order.id}', 'o-1'],
    ['${order["odd key"]}', 7],
    ['${order.lines[0].sku}', 'a'],
    ['${items[2]}', 3],
    ['${items.length}', 3],
    ['${name.length}', 3],
    ['${order.missing}', undefined],
    ['${order.missing.deeper}', undefined],
    ['${true}', true],
    ['${null}', null],
    ['${12.5}', 12.5],
    ["${'single'}", 'single'],
  ])('%s', (text, expected) => {
    expect(ev(text)).toEqual(expected);
  });

  it('does not treat word operators as member names', () => {
    expect(ev('${o.and + o.empty}', { o: { and: 1, empty: 2 } })).toBe(3);
    expect(ev('${"x and y"}')).toBe('x and y');
  });
});

describe('juel whitelisted calls', () => {
  it.each([
    ['${Math.max(1, amount, 3)}', 5000],
    ['${Math.round(2.6)}', 3],
    ['${Math.abs(-2)}', 2],
    ["${execution.getVariable('amount')}", 5000],
    ["${execution.getVariable('nope')}", null],
    ["${execution.hasVariable('name')}", true],
    ['${name.toUpperCase()}', 'ADA'],
    ["${name.startsWith('A')}", true],
    ["${name.equals('Ada')}", true],
    ['${items.contains(2)}', true],
    ['${items.size()}', 3],
    ["${items.join('-')}", '1-2-3'],
  ])('%s', (text, expected) => {
    expect(ev(text)).toEqual(expected);
  });

  it('dateTime() returns the current ISO time', () => {
    const value = ev('${dateTime()}') as string;
    expect(Math.abs(Date.parse(value) - Date.now())).toBeLessThan(5000);
  });

  it.each(['${name.constructor("x")}', '${unknownFn()}', '${Math.random()}', '${order.toString()}', '${items.map(1)}', '${execution.setVariable("a", 1)}'])(
    'refuses %s',
    (text) => {
      expect(() => ev(text)).toThrow(ExpressionError);
    },
  );
});

describe('juel templates', () => {
  it('substitutes each ${} in mixed text', () => {
    expect(ev('Hello ${name}, you owe ${amount * 2}${none}!')).toBe('Hello Ada, you owe 10000!');
  });
  it('returns raw values for a single ${}', () => {
    expect(ev('${order}')).toBe(vars.order);
    expect(ev('${approved}')).toBe(true);
  });
  it('returns text without ${} unchanged', () => {
    expect(ev('PT5M')).toBe('PT5M');
  });
  it('keeps } inside string literals', () => {
    expect(ev('${name == "}"}')).toBe(false);
  });
});

describe('juel errors', () => {
  it('names the expression, element and undefined variable', () => {
    expect(() => evaluateExpression('${amount > 1000}', {}, 'gw1')).toThrow(
      'expression "${amount > 1000}" on <gw1>: variable "amount" is not defined',
    );
  });
  it('reports syntax errors as ExpressionError', () => {
    expect(() => ev('${amount >}')).toThrow(ExpressionError);
  });
  it.each(['${amount & 1}', '${~amount}', '${a; b}', '${this}', '${order - 1}'])('refuses %s', (text) => {
    expect(() => ev(text)).toThrow(ExpressionError);
  });
});

describe('juel blocked access', () => {
  it.each([
    ['${constructor}', 'constructor'],
    ['${a.__proto__}', '__proto__'],
    ['${a["__proto__"]}', '__proto__'],
    ['${a.constructor}', 'constructor'],
    ['${a.prototype}', 'prototype'],
    ['${"".constructor.constructor("return process")()}', 'constructor'],
    ['${globalThis}', 'globalThis'],
    ['${process.env}', 'process'],
    ['${Function("return 1")()}', 'Function'],
    ['${eval("1")}', 'eval'],
    ['${require("fs")}', 'require'],
  ])('%s throws naming %s', (text, name) => {
    const variables = { a: {}, constructor: 1, process: { env: {} }, globalThis: {} };
    let caught: unknown;
    try {
      evaluateExpression(text, variables);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    expect((caught as ExpressionError).message).toContain(text);
    expect((caught as ExpressionError).message).toContain(`"${name}"`);
    expect((caught as ExpressionError).expression).toBe(text);
  });

  it('reads own properties only', () => {
    const proto = { inherited: 1 };
    const obj = Object.create(proto) as Record<string, unknown>;
    obj.own = 2;
    expect(ev('${obj.inherited}', { obj })).toBeUndefined();
    expect(ev('${obj.own}', { obj })).toBe(2);
    expect(ev('${obj.toString}', { obj })).toBeUndefined();
    expect(ev('${obj.hasOwnProperty}', { obj })).toBeUndefined();
  });

  it('does not run getters', () => {
    let ran = false;
    const obj = Object.defineProperty({}, 'x', { get: () => ((ran = true), 1), enumerable: true });
    expect(ev('${obj.x}', { obj })).toBeUndefined();
    expect(ran).toBe(false);
  });
});
