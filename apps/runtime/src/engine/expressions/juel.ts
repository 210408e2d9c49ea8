import type jsep from 'jsep';
import { ExpressionError } from './expression-error.js';
import { GLOBAL_FUNCTIONS, LIST_METHODS, MATH_FUNCTIONS, STRING_METHODS, typeName, type Fn } from './juel-functions.js';
import { BLOCKED_IDENTIFIERS, BLOCKED_PROPERTIES } from './juel-guard.js';
import { EMPTY_OPERATOR, parseJuel } from './juel-parse.js';
import { splitTemplate } from './juel-template.js';

/** Name resolution for one evaluation; `found: false` makes a bare identifier an error. */
export interface JuelScope {
  lookup(name: string): { found: true; value: unknown } | { found: false };
  /** Appended to error messages, e.g. ` on <gateway1>`. */
  readonly where?: string;
}

/**
 * Evaluates Camunda-7-style text: exactly one `${...}` returns the raw value, mixed text returns a
 * string with each `${}` substituted (undefined/null as ''), text without `${` is returned as is.
 */
export function evaluateJuel(text: string, scope: JuelScope): unknown {
  const parts = splitTemplate(text);
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.kind === 'expr') return new Evaluator(text, scope).run(parseJuel(only.source, text));
  if (!parts.some((part) => part.kind === 'expr')) return text;
  let out = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      out += part.text;
    } else {
      const value = new Evaluator(text, scope).run(parseJuel(part.source, text));
      out += value === undefined || value === null ? '' : String(value);
    }
  }
  return out;
}

type Node = jsep.Expression;

class Evaluator {
  constructor(
    private readonly text: string,
    private readonly scope: JuelScope,
  ) {}

  run(node: Node): unknown {
    return this.eval(node);
  }

  private fail(reason: string, cause?: unknown): never {
    throw new ExpressionError(`expression "${this.text}"${this.scope.where ?? ''}: ${reason}`, this.text, { cause });
  }

  private eval(node: Node): unknown {
    switch (node.type) {
      case 'Literal':
        return (node as jsep.Literal).value;
      case 'Identifier':
        return this.identifier((node as jsep.Identifier).name);
      case 'MemberExpression':
        return this.member(node as jsep.MemberExpression);
      case 'ArrayExpression':
        return (node as jsep.ArrayExpression).elements.map((el) => (el ? this.eval(el) : undefined));
      case 'ConditionalExpression': {
        const cond = node as jsep.ConditionalExpression;
        return this.eval(cond.test) ? this.eval(cond.consequent) : this.eval(cond.alternate);
      }
      case 'UnaryExpression':
        return this.unary(node as jsep.UnaryExpression);
      case 'BinaryExpression':
        return this.binary(node as jsep.BinaryExpression);
      case 'CallExpression':
        return this.call(node as jsep.CallExpression);
      case 'ThisExpression':
        return this.fail('"this" is not allowed');
      case 'Compound':
        return this.fail('only one expression is allowed inside ${}');
      default:
        return this.fail(`unsupported syntax (${node.type})`);
    }
  }

  private identifier(name: string): unknown {
    if (BLOCKED_IDENTIFIERS.has(name)) this.fail(`access to "${name}" is not allowed`);
    const hit = this.scope.lookup(name);
    if (!hit.found) this.fail(`variable "${name}" is not defined`);
    return hit.value;
  }

  private propertyKey(node: jsep.MemberExpression): string {
    let key: unknown;
    if (node.computed) key = this.eval(node.property);
    else key = (node.property as jsep.Identifier).name;
    if (typeof key !== 'string' && typeof key !== 'number') this.fail(`property key must be a string or number, got ${typeName(key)}`);
    const name = String(key);
    if (BLOCKED_PROPERTIES.has(name)) this.fail(`access to "${name}" is not allowed`);
    return name;
  }

  private member(node: jsep.MemberExpression): unknown {
    const object = this.eval(node.object);
    const key = this.propertyKey(node);
    return readOwn(object, key);
  }

  private unary(node: jsep.UnaryExpression): unknown {
    if (node.operator === EMPTY_OPERATOR) return isEmpty(this.emptyOperand(node.argument));
    const value = this.eval(node.argument);
    switch (node.operator) {
      case '!':
        return !value;
      case '-':
        return -this.number(value, '-');
      case '+':
        return this.number(value, '+');
      default:
        return this.fail(`unsupported operator "${node.operator}"`);
    }
  }

  /** `empty x` on an undefined variable is true rather than an error: that is what it is asked for. */
  private emptyOperand(node: Node): unknown {
    if (node.type === 'Identifier') {
      const name = (node as jsep.Identifier).name;
      if (!BLOCKED_IDENTIFIERS.has(name)) {
        const hit = this.scope.lookup(name);
        return hit.found ? hit.value : undefined;
      }
    }
    return this.eval(node);
  }

  private binary(node: jsep.BinaryExpression): unknown {
    const op = node.operator;
    if (op === '&&') return this.eval(node.left) && this.eval(node.right);
    if (op === '||') return this.eval(node.left) || this.eval(node.right);
    if (op === '??') return this.eval(node.left) ?? this.eval(node.right);
    const left = this.eval(node.left);
    const right = this.eval(node.right);
    switch (op) {
      case '==':
        return looseEquals(left, right);
      case '!=':
        return !looseEquals(left, right);
      case '===':
        return left === right;
      case '!==':
        return left !== right;
      case '<':
        return this.compare(left, right, op, (c) => c < 0);
      case '<=':
        return this.compare(left, right, op, (c) => c <= 0);
      case '>':
        return this.compare(left, right, op, (c) => c > 0);
      case '>=':
        return this.compare(left, right, op, (c) => c >= 0);
      case '+':
        if (typeof left === 'string' || typeof right === 'string') return toText(left) + toText(right);
        return this.number(left, op) + this.number(right, op);
      case '-':
        return this.number(left, op) - this.number(right, op);
      case '*':
        return this.number(left, op) * this.number(right, op);
      case '/':
        return this.number(left, op) / this.number(right, op);
      case '%':
        return this.number(left, op) % this.number(right, op);
      default:
        return this.fail(`unsupported operator "${op}"`);
    }
  }

  /** Comparisons with null/undefined are false; mixed number/numeric-string compare as numbers. */
  private compare(left: unknown, right: unknown, op: string, test: (c: number) => boolean): boolean {
    if (left === null || left === undefined || right === null || right === undefined) return false;
    if (typeof left === 'string' && typeof right === 'string') return test(left < right ? -1 : left > right ? 1 : 0);
    if (isNumeric(left) && isNumeric(right)) return test(Number(left) - Number(right));
    return this.fail(`cannot compare ${typeName(left)} ${op} ${typeName(right)}`);
  }

  /** JUEL coerces null to 0 and numeric strings to numbers; anything else is an error. */
  private number(value: unknown, op: string): number {
    if (value === null || value === undefined) return 0;
    if (isNumeric(value)) return Number(value);
    return this.fail(`operator "${op}" needs numbers, got ${typeName(value)}`);
  }

  private call(node: jsep.CallExpression): unknown {
    const fn = this.callee(node.callee);
    const args = node.arguments.map((arg) => this.eval(arg));
    try {
      return fn(...args);
    } catch (err) {
      if (err instanceof ExpressionError) throw err;
      return this.fail(`call failed: ${(err as Error).message}`, err);
    }
  }

  private callee(node: Node): Fn {
    if (node.type === 'Identifier') {
      const name = (node as jsep.Identifier).name;
      if (BLOCKED_IDENTIFIERS.has(name)) this.fail(`access to "${name}" is not allowed`);
      if (Object.hasOwn(GLOBAL_FUNCTIONS, name)) return GLOBAL_FUNCTIONS[name] as Fn;
      return this.fail(`calling "${name}" is not allowed`);
    }
    if (node.type !== 'MemberExpression') {
      // Evaluate first so a blocked access inside (e.g. `"".constructor.constructor(...)()`) is the reported reason.
      this.eval(node);
      return this.fail('only whitelisted functions may be called');
    }
    const member = node as jsep.MemberExpression;
    const method = this.propertyKey(member);
    if (member.object.type === 'Identifier') {
      const base = (member.object as jsep.Identifier).name;
      if (base === 'Math') {
        if (Object.hasOwn(MATH_FUNCTIONS, method)) return MATH_FUNCTIONS[method] as Fn;
        return this.fail(`calling "Math.${method}" is not allowed`);
      }
      if (base === 'execution') return this.executionMethod(method);
    }
    const self = this.eval(member.object);
    if (typeof self === 'string' && Object.hasOwn(STRING_METHODS, method)) {
      const impl = STRING_METHODS[method];
      if (impl) return (...args) => impl(self, ...args);
    }
    if (Array.isArray(self) && Object.hasOwn(LIST_METHODS, method)) {
      const impl = LIST_METHODS[method];
      if (impl) return (...args) => impl(self, ...args);
    }
    return this.fail(`calling "${method}" on ${typeName(self)} is not allowed`);
  }

  private executionMethod(method: string): Fn {
    const read = (name: unknown): { found: true; value: unknown } | { found: false } => {
      if (typeof name !== 'string') this.fail('execution variable names must be strings');
      if (BLOCKED_IDENTIFIERS.has(name)) this.fail(`access to "${name}" is not allowed`);
      return this.scope.lookup(name);
    };
    if (method === 'getVariable') {
      return (name) => {
        const hit = read(name);
        return hit.found ? hit.value : null;
      };
    }
    if (method === 'hasVariable') return (name) => read(name).found;
    return this.fail(`calling "execution.${method}" is not allowed`);
  }
}

/** Own data properties only: no prototype chain, no getters run. */
function readOwn(object: unknown, key: string): unknown {
  if (object === null || object === undefined) return undefined;
  if (typeof object === 'string') {
    if (key === 'length') return object.length;
    return /^\d+$/.test(key) ? object[Number(key)] : undefined;
  }
  if (typeof object !== 'object' && typeof object !== 'function') return undefined;
  if (!Object.hasOwn(object, key)) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor && 'value' in descriptor ? descriptor.value : undefined;
}

function isNumeric(value: unknown): value is number | string {
  if (typeof value === 'number') return true;
  return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value));
}

/** JUEL-ish `==`: null equals undefined, numbers equal numeric strings, booleans equal "true"/"false". */
function looseEquals(left: unknown, right: unknown): boolean {
  if (left === null || left === undefined || right === null || right === undefined) {
    return (left === null || left === undefined) && (right === null || right === undefined);
  }
  if (typeof left === typeof right) return left === right;
  if (typeof left === 'number' && isNumeric(right)) return left === Number(right);
  if (typeof right === 'number' && isNumeric(left)) return right === Number(left);
  if (typeof left === 'boolean' && typeof right === 'string') return String(left) === right;
  if (typeof right === 'boolean' && typeof left === 'string') return String(right) === left;
  return false;
}

function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function toText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
