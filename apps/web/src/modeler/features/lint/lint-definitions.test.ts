import { describe, expect, it } from 'vitest';
import BpmnModdle from 'bpmn-moddle';
import camunda from 'camunda-bpmn-moddle/resources/camunda.json';
import { lintDefinitions } from './lint-definitions';

const NS = `xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"`;

/** A process body in definitions with minimal DI for `drawn` ids (ids starting with f are edges). */
function xml(body: string, drawn: string[] = []) {
  const shapes = drawn
    .map((id, i) =>
      id.startsWith('f')
        ? `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="0" y="0"/><di:waypoint x="10" y="0"/></bpmndi:BPMNEdge>`
        : `<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${i * 200}" y="0" width="36" height="36"/></bpmndi:BPMNShape>`,
    )
    .join('');
  return `<?xml version="1.0"?><bpmn:definitions ${NS} id="d" targetNamespace="t"><bpmn:process id="p" isExecutable="true">${body}</bpmn:process>
  <bpmndi:BPMNDiagram id="dia"><bpmndi:BPMNPlane id="plane" bpmnElement="p">${shapes}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram></bpmn:definitions>`;
}

async function lint(source: string) {
  const moddle = new BpmnModdle({ camunda });
  const { rootElement } = await moddle.fromXML(source);
  return lintDefinitions(rootElement);
}

const ruleHits = (problems: Awaited<ReturnType<typeof lint>>, rule: string) => problems.filter((p) => p.rule === rule);

describe('Baton lint rules', () => {
  it('given a service task without implementation, when linted, then it is an error naming the task', async () => {
    const problems = await lint(xml('<bpmn:serviceTask id="charge" name="Charge card"/>', ['charge']));
    const hits = ruleHits(problems, 'baton/service-task-topic');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ reportedId: 'charge', severity: 'error' });
    expect(hits[0].message).toContain('Charge card');
  });

  it('given an external service task with a topic, when linted, then the topic rule is quiet', async () => {
    const problems = await lint(xml('<bpmn:serviceTask id="charge" camunda:type="external" camunda:topic="charge"/>', ['charge']));
    expect(ruleHits(problems, 'baton/service-task-topic')).toHaveLength(0);
  });

  it('given an external service task without topic, when linted, then it asks for the topic', async () => {
    const problems = await lint(xml('<bpmn:serviceTask id="charge" camunda:type="external"/>', ['charge']));
    expect(ruleHits(problems, 'baton/service-task-topic')[0].message).toMatch(/no topic/);
  });

  it('given a forking exclusive gateway, when a non-default flow has no condition, then that flow is an error', async () => {
    const body = `<bpmn:exclusiveGateway id="gw" default="f2"><bpmn:outgoing>f1</bpmn:outgoing><bpmn:outgoing>f2</bpmn:outgoing><bpmn:outgoing>f3</bpmn:outgoing></bpmn:exclusiveGateway>
      <bpmn:task id="a"/><bpmn:task id="b"/><bpmn:task id="c"/>
      <bpmn:sequenceFlow id="f1" sourceRef="gw" targetRef="a"/>
      <bpmn:sequenceFlow id="f2" sourceRef="gw" targetRef="b"/>
      <bpmn:sequenceFlow id="f3" sourceRef="gw" targetRef="c"><bpmn:conditionExpression>\${x}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
    const hits = ruleHits(await lint(xml(body)), 'baton/gateway-flow-condition');
    expect(hits.map((h) => h.reportedId)).toEqual(['f1']);
  });

  it('given message and signal events without refs, when linted, then both are reported', async () => {
    const body = `<bpmn:intermediateCatchEvent id="m"><bpmn:messageEventDefinition/></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="s"><bpmn:signalEventDefinition/></bpmn:intermediateCatchEvent>`;
    const hits = ruleHits(await lint(xml(body)), 'baton/event-definition-ref');
    expect(hits.map((h) => h.reportedId).sort()).toEqual(['m', 's']);
  });

  it('given a message event with a named message, when linted, then it is accepted', async () => {
    const src = xml('<bpmn:intermediateCatchEvent id="m"><bpmn:messageEventDefinition messageRef="msg"/></bpmn:intermediateCatchEvent>').replace(
      '<bpmn:process',
      '<bpmn:message id="msg" name="payment-received"/><bpmn:process',
    );
    expect(ruleHits(await lint(src), 'baton/event-definition-ref')).toHaveLength(0);
  });

  it('given a complex gateway, when linted, then it is unsupported', async () => {
    const hits = ruleHits(await lint(xml('<bpmn:complexGateway id="cx"/>')), 'baton/unsupported-element');
    expect(hits).toHaveLength(1);
    expect(hits[0].message).toMatch(/complex gateways are not executed/);
  });

  it('given no executable process, when linted, then deploy is blocked with a hint', async () => {
    const src = xml('<bpmn:startEvent id="s"/>', ['s']).replace('isExecutable="true"', 'isExecutable="false"');
    const hits = ruleHits(await lint(src), 'baton/executable-process');
    expect(hits[0]).toMatchObject({ severity: 'error', reportedId: 'p' });
  });

  it('given start → user task → end without names, when linted, then there are warnings but no errors', async () => {
    const body = `<bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
      <bpmn:userTask id="t"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
      <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
      <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t"/><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e"/>`;
    const problems = await lint(xml(body, ['s', 't', 'e', 'f1', 'f2']));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems.some((p) => p.severity === 'warning')).toBe(true);
  });
});
