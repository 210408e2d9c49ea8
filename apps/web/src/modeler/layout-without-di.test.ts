import { describe, expect, it } from 'vitest';
import { layoutWithoutDi, withFlowReferences } from './layout-without-di';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="x">
  <process id="p" isExecutable="true">
    <startEvent id="s" />
    <sequenceFlow id="f1" sourceRef="s" targetRef="t" />
    <userTask id="t" camunda:assignee="rita" />
    <sequenceFlow id="f2" sourceRef="t" targetRef="e" />
    <endEvent id="e" />
  </process>
</definitions>`;

describe('layoutWithoutDi', () => {
  it('given flows without incoming/outgoing references, then they are filled in and camunda attributes survive', async () => {
    const out = await withFlowReferences(xml);
    expect(out).toMatch(/<(bpmn:)?outgoing>f1<\/(bpmn:)?outgoing>/);
    expect(out).toMatch(/<(bpmn:)?incoming>f2<\/(bpmn:)?incoming>/);
    expect(out).toContain('camunda:assignee="rita"');
  });

  it('given a process without DI, then every node gets a shape and every flow an edge, left to right', async () => {
    const out = await layoutWithoutDi(xml);
    expect(out.match(/BPMNShape /g)).toHaveLength(3);
    expect(out.match(/BPMNEdge /g)).toHaveLength(2);
    const x = (id: string) => Number(new RegExp(`bpmnElement="${id}"[^>]*>\\s*<dc:Bounds x="(\\d+)"`).exec(out)?.[1]);
    expect(x('s')).toBeLessThan(x('t'));
    expect(x('t')).toBeLessThan(x('e'));
  });
});
