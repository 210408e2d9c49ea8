import BpmnModdle from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import { lintDefinitions } from './features/lint/lint-definitions';
import { completeFlowNodeRefs } from './flow-node-refs';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"';
/** start -> task -> end, plus a sub-process with its own flow; no <incoming>/<outgoing> anywhere */
const bare = `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true">
  <bpmn:startEvent id="start"/><bpmn:task id="work"/><bpmn:subProcess id="sub"><bpmn:startEvent id="s2"/><bpmn:endEvent id="e2"/>
  <bpmn:sequenceFlow id="g1" sourceRef="s2" targetRef="e2"/></bpmn:subProcess><bpmn:endEvent id="end"/>
  <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/><bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="sub"/>
  <bpmn:sequenceFlow id="f3" sourceRef="sub" targetRef="end"/></bpmn:process></bpmn:definitions>`;

async function parse(xml: string) {
  const moddle = new BpmnModdle();
  const { rootElement } = await moddle.fromXML(xml);
  return { moddle, definitions: rootElement };
}

const connectionProblems = async (definitions: unknown) =>
  (await lintDefinitions(definitions)).filter((p) => ['no-disconnected', 'no-implicit-start', 'no-implicit-end'].includes(p.rule)).map((p) => `${p.rule}:${p.reportedId}`);

describe('completeFlowNodeRefs', () => {
  it('given flows named only on themselves, when completed, then every node lists them and lint no longer calls the nodes disconnected', async () => {
    const { moddle, definitions } = await parse(bare);
    expect(await connectionProblems(definitions)).not.toEqual([]);
    expect(completeFlowNodeRefs(definitions)).toBe(8);
    expect(await connectionProblems(definitions)).toEqual([]);
    // and saved XML carries the lists
    const { xml } = await moddle.toXML(definitions);
    expect(xml).toContain('<bpmn:outgoing>f1</bpmn:outgoing>');
    expect(xml).toContain('<bpmn:incoming>g1</bpmn:incoming>');
  });

  it('given lists that are already complete, when completed again, then nothing is added twice', async () => {
    const { definitions } = await parse(bare);
    completeFlowNodeRefs(definitions);
    expect(completeFlowNodeRefs(definitions)).toBe(0);
    const work = (definitions as unknown as { rootElements: Array<{ flowElements: Array<{ id: string; incoming: unknown[]; outgoing: unknown[] }> }> }).rootElements[0].flowElements.find((e) => e.id === 'work')!;
    expect([work.incoming.length, work.outgoing.length]).toEqual([1, 1]);
  });

  it('given a node that really has no flows, then lint still reports it', async () => {
    const { definitions } = await parse(bare.replace('<bpmn:endEvent id="end"/>', '<bpmn:endEvent id="end"/><bpmn:task id="orphan"/>'));
    completeFlowNodeRefs(definitions);
    expect(await connectionProblems(definitions)).toEqual(['no-disconnected:orphan', 'no-implicit-end:orphan', 'no-implicit-start:orphan']);
  });
});
