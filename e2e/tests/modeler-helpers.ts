/** Shared steps for the modeler specs: log in through the UI and seed diagrams through the API. */
import type { Page } from '@playwright/test';
import type { BatonApi } from '../fixtures/api';
import type { RuntimeProcess } from '../fixtures/runtime-process';
import { LoginPage } from '../pages/login-page';

export async function loginAsAdmin(page: Page, runtime: RuntimeProcess): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.login(runtime.adminUsername, runtime.adminPassword);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** A process id unique to this test, safe as an XML NCName. */
export function uniqueKey(prefix: string, testId: string): string {
  return `${prefix}-${testId.replace(/[^\w-]/g, '').slice(0, 16)}-${Date.now().toString(36)}`;
}

export async function seedDiagram(api: BatonApi, token: string, name: string, xml: string): Promise<{ id: string; revision: number }> {
  return api.mutation<{ id: string; revision: number }>(token, 'diagrams.save', { name, xml });
}

/** start → service task without topic → end, drawn; the service task is a lint error. */
export function serviceTaskWithoutTopicXml(key: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs_${key}" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${key}" name="Charge" isExecutable="true">
    <bpmn:startEvent id="start" name="Order placed"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="charge" name="Charge card"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="end" name="Charged"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="charge"/>
    <bpmn:sequenceFlow id="f2" sourceRef="charge" targetRef="end"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d"><bpmndi:BPMNPlane id="p" bpmnElement="${key}">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="150" y="100" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="charge_di" bpmnElement="charge"><dc:Bounds x="250" y="78" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="420" y="100" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="186" y="118"/><di:waypoint x="250" y="118"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="350" y="118"/><di:waypoint x="420" y="118"/></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}
