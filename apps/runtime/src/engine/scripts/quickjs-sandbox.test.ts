import { beforeAll, describe, expect, it } from 'vitest';
import { createScriptRunner, SandboxFailure, type ScriptRunner } from './quickjs-sandbox.js';

let runner: ScriptRunner;
beforeAll(async () => {
  runner = await createScriptRunner({ timeLimitMs: 500 });
});

const run = (source: string, variables: Record<string, unknown> = {}) => runner.run({ source, variables });
const failure = (source: string): SandboxFailure => {
  try {
    run(source);
  } catch (err) {
    if (err instanceof SandboxFailure) return err;
    throw err;
  }
  throw new Error('expected the script to fail');
};

describe('QuickJS sandbox', () => {
  it('returns the completion value and setVariable calls', () => {
    expect(run('execution.setVariable("b", variables.a + 1); execution.getVariable("b") * 10', { a: 1 })).toEqual({
      result: 20,
      setVariables: { b: 2 },
    });
  });

  it('supports bpmn-engine style next(err, value)', () => {
    expect(run('next(null, { ok: variables.x })', { x: true }).result).toEqual({ ok: true });
    expect(failure('next(new Error("nope"))').message).toBe('threw Error: nope');
  });

  it('gives the script a read-only copy of the variables', () => {
    const variables = { list: [1], obj: { a: 1 } };
    expect(run('"use strict"; try { variables.list.push(2); "mutated" } catch (e) { "frozen" }', variables).result).toBe('frozen');
    expect(variables.list).toEqual([1]);
  });

  it('has no host globals', () => {
    expect(run('[typeof process, typeof require, typeof globalThis.process, typeof module, typeof fetch, typeof setTimeout]').result).toEqual([
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
      'undefined',
    ]);
    expect(failure('require("fs")').kind).toBe('thrown');
    expect(failure('process.exit(1)').message).toMatch(/ReferenceError: .*process/);
    // The Function constructor only ever reaches the sandbox's own globals.
    expect(run('"".constructor.constructor("return typeof process")()').result).toBe('undefined');
  });

  it('classifies limits and errors', () => {
    expect(failure('for (;;) {}')).toMatchObject({ kind: 'timeout', message: 'exceeded the 500 ms time limit' });
    expect(failure('try { for (;;) {} } catch (e) {}').kind).toBe('timeout');
    expect(failure('let s = "x"; for (;;) s += s').kind).toBe('memory');
    expect(failure('function f() { return f() + 1 } f()').kind).toBe('memory');
    expect(failure('let = =').kind).toBe('syntax');
    expect(failure('Promise.resolve(1)').message).toMatch(/async scripts are not supported/);
  });

  it('drops undefined results and non-JSON values', () => {
    expect(run('let x = 1;').result).toBeUndefined();
    expect(run('({ f() {}, n: 1 })').result).toEqual({ n: 1 });
  });
});
