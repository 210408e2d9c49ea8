import { beforeAll, describe, expect, it } from 'vitest';
import { runScriptProcess } from './engine-run.test-helper.js';
import { createScriptRunner, type ScriptRunner } from './quickjs-sandbox.js';
import { createScripts } from './scripts.js';

let runner: ScriptRunner;
beforeAll(async () => {
  runner = await createScriptRunner({ timeLimitMs: 1000 });
});

describe('createScripts wired into bpmn-engine', () => {
  it('runs a script task that sets a variable and returns a result', async () => {
    const scripts = createScripts(runner, { enabled: true });
    const body = `const doubled = variables.amount * 2;\nexecution.setVariable('doubled', doubled);\ndoubled + 1`;
    const run = await runScriptProcess(scripts, body, { amount: 60 });
    expect(run.error).toBeUndefined();
    expect(run.calcOutput).toBe(121);
    expect(run.variables).toMatchObject({ amount: 60, doubled: 120, calcResult: 121 });
    // The javascript flow condition (variables.doubled > 100) also ran in the sandbox.
    expect(run.ended).toEqual(['big']);
  });

  it('supports a top-level return and the javascript condition going the default way', async () => {
    const scripts = createScripts(runner, { enabled: true });
    const run = await runScriptProcess(scripts, `execution.setVariable('doubled', 2); return 'r';`, {});
    expect(run.error).toBeUndefined();
    expect(run.calcOutput).toBe('r');
    expect(run.ended).toEqual(['small']);
  });

  it('turns an infinite loop into an error within ~2 s and keeps the process alive', async () => {
    const scripts = createScripts(runner, { enabled: true });
    const started = Date.now();
    const run = await runScriptProcess(scripts, 'while (true) {}');
    expect(Date.now() - started).toBeLessThan(2500);
    expect(run.error?.message).toContain('script task "calc" exceeded the 1000 ms time limit');
    expect(run.ended).toEqual([]);
    // The runner still works afterwards.
    expect(runner.run({ source: '1 + 1', variables: {} }).result).toBe(2);
  });

  it('turns a memory bomb into an error', async () => {
    const scripts = createScripts(runner, { enabled: true });
    const started = Date.now();
    const run = await runScriptProcess(scripts, 'let a = []; while (true) a.push(new Array(1e6).fill(1))');
    expect(run.error?.message).toMatch(/script task "calc" exceeded the (32 MiB memory|1000 ms time) limit/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(runner.run({ source: '[1, 2].length', variables: {} }).result).toBe(2);
  });

  it.each([
    ["require('fs')", /ReferenceError: .*require/],
    ['process.exit()', /ReferenceError: .*process/],
    ["import('fs')", /threw|syntax error/],
    ['syntax error here (', /has a syntax error/],
    ["throw new Error('boom')", /threw Error: boom/],
  ])('%s fails the script task', async (body, message) => {
    const scripts = createScripts(runner, { enabled: true });
    const run = await runScriptProcess(scripts, body);
    expect(run.error?.message).toMatch(/script task "calc"/);
    expect(run.error?.message).toMatch(message);
  });

  it('refuses every script when disabled, saying how to enable them', async () => {
    const scripts = createScripts(undefined, { enabled: false });
    const run = await runScriptProcess(scripts, '1');
    expect(run.error?.message).toContain('script task "calc" cannot run: scripts are disabled (set BATON_SCRIPTS=on');
  });
});
