import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandRejectedError } from '../engine-errors.js';
import type { StepOutcome } from '../engine-host.js';
import { ExpressionError } from '../expressions/expression-error.js';
import { EnginePool } from './engine-pool.js';

const xml = readFileSync(new URL('../fixtures/approval.bpmn', import.meta.url), 'utf8');
const types = (o: StepOutcome) => o.events.map((e) => `${e.type}${'elementId' in e && e.elementId ? `:${e.elementId}` : ''}`);

describe('EnginePool (engines in worker threads)', () => {
  let pool: EnginePool;
  const asked: string[] = [];
  const fatal: Error[] = [];
  const xmlById = new Map([['d1', xml]]);

  beforeAll(async () => {
    pool = await EnginePool.start({
      threads: 2,
      scriptsEnabled: true,
      cacheSize: 20,
      xmlOf: async (id) => {
        asked.push(id);
        const found = xmlById.get(id);
        if (!found) throw new Error(`definition ${id} does not exist`);
        return found;
      },
      onFatal: (error) => fatal.push(error),
    });
  }, 60_000);
  afterAll(() => pool?.close());

  it('given instances started through the pool, when each is signalled without a snapshot, then its hot engine in its own worker answers', async () => {
    const definitionId = 'd1';
    const started = await Promise.all(Array.from({ length: 8 }, (_, i) => pool.run({ instanceId: `i${i}`, definitionId, snapshot: null, rev: 0 }, { type: 'start', variables: { owner: 'rita', amount: 500 } })));
    expect(types(started[0])).toEqual(['activity.entered:start', 'activity.completed:start', 'flow.taken:f_start', 'activity.entered:review', 'activity.entered:remind', 'activity.waiting:remind', 'timer.scheduled:remind', 'activity.waiting:review', 'task.created:review']);
    expect(started[0].waits.find((w) => w.kind === 'task')?.task).toMatchObject({ assignee: 'rita', candidateGroups: ['reviewers', 'managers'] });
    for (let i = 0; i < 8; i += 1) pool.confirm(`i${i}`, 1);
    // each worker was sent the XML once, however many instances it runs
    expect(asked.filter((id) => id === 'd1')).toEqual(['d1', 'd1']);
    // no snapshot: only the hot engine kept in the instance's worker can run this command
    const done = await Promise.all(
      started.map((out, i) => pool.run({ instanceId: `i${i}`, definitionId, snapshot: null, rev: 1 }, { type: 'signal', executionId: out.waits.find((w) => w.kind === 'task')!.executionId, variables: { approved: true } })),
    );
    expect(done.map((d) => d.status)).toEqual(Array(8).fill('running'));
    expect(done[3].variables).toEqual({ owner: 'rita', amount: 500, approved: true });
    expect(done[3].waits.map((w) => [w.kind, w.elementId])).toEqual([['message', 'wait_payment']]);
  });

  it('given a command that does not apply, when run in a worker, then it fails with the engine error class and message', async () => {
    const definitionId = 'd1';
    const out = await pool.run({ instanceId: 'r1', definitionId, snapshot: null, rev: 0 }, { type: 'start', variables: { owner: 'ann' } });
    pool.confirm('r1', 1);
    const error = await pool.run({ instanceId: 'r1', definitionId, snapshot: out.snapshot, rev: 1 }, { type: 'signal', executionId: 'nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommandRejectedError);
    expect((error as Error).message).toBe('nothing waits at execution "nope" any more');
  });

  it('given an expression that fails inside a worker, then the error keeps its class and text', async () => {
    const error = await pool.run({ instanceId: 'x1', definitionId: 'd1', snapshot: null, rev: 0 }, { type: 'start', variables: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({ message: 'expression "${owner}": variable "owner" is not defined', expression: '${owner}' });
  });

  it('given a script task, when it runs in a worker, then the QuickJS sandbox there sets the variable', async () => {
    const scriptXml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="x">
  <process id="scripted" isExecutable="true">
    <startEvent id="s" /><sequenceFlow id="a" sourceRef="s" targetRef="t" />
    <scriptTask id="t" scriptFormat="javascript"><script>execution.setVariable('total', execution.getVariable('price') * 2)</script></scriptTask>
    <sequenceFlow id="b" sourceRef="t" targetRef="e" /><endEvent id="e" />
  </process>
</definitions>`;
    xmlById.set('d-script', scriptXml);
    const out = await pool.run({ instanceId: 'sc1', definitionId: 'd-script', snapshot: null, rev: 0 }, { type: 'start', variables: { price: 21 } });
    expect(out.status).toBe('completed');
    expect(out.variables).toEqual({ price: 21, total: 42 });
  });

  it('given a definition the store does not have, when an instance of it runs, then the command fails naming it', async () => {
    const error = await pool.run({ instanceId: 'm1', definitionId: 'gone', snapshot: null, rev: 0 }, { type: 'start', variables: {} }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('definition gone does not exist');
  });

  it('given a worker that dies, then pending commands fail, the runtime is told, and later commands fail too', async () => {
    const definitionId = 'd1';
    const threads = (pool as unknown as { threads: { worker: { terminate(): Promise<number> } }[] }).threads;
    const pending = Promise.all([0, 1, 2, 3].map((i) => pool.run({ instanceId: `k${i}`, definitionId, snapshot: null, rev: 0 }, { type: 'start', variables: { owner: 'ann' } }))).catch((e: unknown) => e);
    await threads[0].worker.terminate();
    expect(((await pending) as Error).message).toMatch(/an engine worker stopped/);
    expect(fatal.map((e) => e.message)).toEqual([expect.stringMatching(/an engine worker stopped \(exit code 1\)/)]);
    await expect(pool.run({ instanceId: 'k9', definitionId, snapshot: null, rev: 0 }, { type: 'start', variables: {} })).rejects.toThrow(/an engine worker stopped/);
  });
});
