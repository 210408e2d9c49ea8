import { describe, expect, it } from 'vitest';
import BpmnModdle from 'bpmn-moddle';
import { newDiagramXml, newProcessId } from './new-diagram';
import { hasDrawing } from './prepare-import';

describe('new diagram', () => {
  it('given a name, when an id is made, then it is a readable, valid NCName with a random suffix', () => {
    expect(newProcessId('Order approval', () => 0.5)).toMatch(/^order-approval-[0-9a-z]{4}$/);
    expect(newProcessId('42 things')).toMatch(/^p-42-things-/);
    expect(newProcessId('   ')).toMatch(/^process-/);
    expect(newProcessId('x')).not.toBe(newProcessId('x'));
  });

  it('given a fresh diagram, when parsed, then it has one executable process with a drawn start event', async () => {
    const xml = newDiagramXml('Order <approval> & "more"', 'order-1234');
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml);
    expect(warnings).toEqual([]);
    const process = rootElement.rootElements[0];
    expect(process).toMatchObject({ $type: 'bpmn:Process', id: 'order-1234', isExecutable: true, name: 'Order <approval> & "more"' });
    expect(process.flowElements.map((e: { $type: string }) => e.$type)).toEqual(['bpmn:StartEvent']);
    expect(hasDrawing(rootElement)).toBe(true);
  });
});
