import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDefinition } from './definition-model.js';
import { EngineHost } from './engine-host.js';
import { createExpressions, evaluateExpression } from './expressions/index.js';

const xml = readFileSync(new URL('./expressions/gateway.bpmn', import.meta.url), 'utf8');

function newHost() {
  return new EngineHost({ expressions: createExpressions(), scripts: undefined, evaluator: { evaluate: (t, v) => evaluateExpression(t, v) }, cacheSize: 10 });
}

describe('EventMapper: why this path', () => {
  it('given an exclusive gateway, when amount is 5000, then the taken flow records its condition true and the others are skipped', async () => {
    const parsed = await parseDefinition(xml);
    const out = await newHost().run({ instanceId: 'g1', definition: { id: 'd', parsed }, snapshot: null, rev: 0 }, { type: 'start', variables: { amount: 5000 } });
    const flows = out.events.filter((e) => e.type === 'flow.taken' || e.type === 'flow.skipped');
    expect(flows).toContainEqual(expect.objectContaining({ type: 'flow.taken', elementId: 'toBig', condition: '${amount > 1000}', result: true, sourceId: 'decide', targetId: 'big' }));
    expect(flows).toContainEqual(expect.objectContaining({ type: 'flow.skipped', elementId: 'toSmall', sourceId: 'decide' }));
    const feel = flows.find((e) => e.elementId === 'toFeel');
    expect(feel).toMatchObject({ type: 'flow.skipped', condition: '=amount > 1000 and amount < 0', result: false });
  });

  it('given amount 10, then the default flow is taken and both conditional flows are skipped with result false', async () => {
    const parsed = await parseDefinition(xml);
    const out = await newHost().run({ instanceId: 'g2', definition: { id: 'd', parsed }, snapshot: null, rev: 0 }, { type: 'start', variables: { amount: 10 } });
    const byFlow = Object.fromEntries(out.events.filter((e) => e.type === 'flow.taken' || e.type === 'flow.skipped').map((e) => [e.elementId, e]));
    expect(byFlow.toSmall).toMatchObject({ type: 'flow.taken' });
    expect(byFlow.toBig).toMatchObject({ type: 'flow.skipped', result: false });
    expect(byFlow.toFeel).toMatchObject({ type: 'flow.skipped', result: false });
  });
});
