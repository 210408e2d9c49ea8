import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { Engine } from 'bpmn-engine';
import { describe, expect, it } from 'vitest';
import { createExpressions } from './expressions.js';

const source = readFileSync(new URL('./gateway.bpmn', import.meta.url), 'utf8');

/** Runs the process to completion (or error) and returns the ids of the end events reached. */
function run(variables: Record<string, unknown>): Promise<{ ended: string[]; error?: Error }> {
  const engine = new Engine({ name: 'amounts', source, expressions: createExpressions() });
  const ended: string[] = [];
  const listener = new EventEmitter();
  listener.on('activity.end', (api: { id: string; type: string }) => {
    if (api.type === 'bpmn:EndEvent') ended.push(api.id);
  });
  return new Promise((resolve) => {
    engine.once('end', () => resolve({ ended }));
    engine.once('error', (error: Error) => resolve({ ended, error }));
    void engine.execute({ listener, variables }).catch((error: Error) => resolve({ ended, error }));
  });
}

describe('createExpressions wired into bpmn-engine', () => {
  it('takes the conditional flow for amount 5000', async () => {
    expect(await run({ amount: 5000 })).toEqual({ ended: ['big'] });
  });

  it('takes the default flow for amount 10', async () => {
    expect(await run({ amount: 10 })).toEqual({ ended: ['small'] });
  });

  it('fails with ExpressionError naming the variable when it is undefined', async () => {
    const { ended, error } = await run({});
    expect(ended).toEqual([]);
    expect(error?.message).toContain('expression "${amount > 1000}" on <decide>: variable "amount" is not defined');
  });

  it('keeps the engine-internal ${environment.variables.x} and ${content.id} forms working', () => {
    const expressions = createExpressions();
    const context = { environment: { variables: { x: 7 } }, content: { id: 'task1' } };
    expect(expressions.resolveExpression('${environment.variables.x}', context)).toBe(7);
    expect(expressions.resolveExpression('msg-${content.id}', context)).toBe('msg-task1');
    expect(expressions.resolveExpression('PT1M', context)).toBe('PT1M');
    expect(expressions.resolveExpression(undefined, context)).toBeUndefined();
    expect(expressions.isExpression('${a}')).toBe(true);
    expect(expressions.isExpression('a ${a}')).toBe(false);
    expect(expressions.hasExpression('a ${a}')).toBe(true);
    expect(expressions.hasExpression('=a')).toBe(true);
  });

  it('prefers activity output over process variables', () => {
    const expressions = createExpressions();
    const context = { environment: { variables: { x: 1 } }, content: { id: 't', output: { x: 2 } } };
    expect(expressions.resolveExpression('${x}', context)).toBe(2);
  });
});
