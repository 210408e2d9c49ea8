/** Seeding for the inbox specs: users, processes (unique keys per test) and instances, through the API. */
import type { BatonApi } from '../fixtures/api';

export function uniqueKey(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** start -> "Review invoice" (group reviewers, generated form) -> "Archive invoice" (reviewers) -> end, drawn */
export function reviewXml(key: string, name = 'Invoice review'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs_${key}" targetNamespace="http://baton.dev/e2e">
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="review" />
    <bpmn:userTask id="review" name="Review invoice" camunda:candidateGroups="reviewers">
      <bpmn:extensionElements>
        <camunda:formData>
          <camunda:formField id="approved" label="Approved" type="boolean" />
          <camunda:formField id="score" label="Score" type="long">
            <camunda:validation><camunda:constraint name="required" /></camunda:validation>
          </camunda:formField>
          <camunda:formField id="decision" label="Decision" type="enum">
            <camunda:value id="pay" name="Pay" />
            <camunda:value id="hold" name="Hold" />
          </camunda:formField>
          <camunda:formField id="note" label="Note" type="string" />
        </camunda:formData>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="archive" />
    <bpmn:userTask id="archive" name="Archive invoice" camunda:candidateGroups="reviewers" />
    <bpmn:sequenceFlow id="f3" sourceRef="archive" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="d_${key}"><bpmndi:BPMNPlane id="p_${key}" bpmnElement="${key}">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="150" y="100" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="review_di" bpmnElement="review"><dc:Bounds x="240" y="78" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="archive_di" bpmnElement="archive"><dc:Bounds x="400" y="78" width="100" height="80"/></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="560" y="100" width="36" height="36"/></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="186" y="118"/><di:waypoint x="240" y="118"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="340" y="118"/><di:waypoint x="400" y="118"/></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="500" y="118"/><di:waypoint x="560" y="118"/></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;
}

/** start -> "Rate supplier" (reviewers) with a linked form-js form embedded as the modeler stores it -> end */
export function formJsXml(key: string): string {
  const schema = {
    id: `form-${key}`,
    type: 'default',
    components: [
      { type: 'textfield', key: 'comment', label: 'Comment', validate: { required: true } },
      { type: 'number', key: 'stars', label: 'Stars', validate: { min: 1, max: 5 } },
    ],
  };
  const body = JSON.stringify(schema).replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:baton="http://baton.dev/schema/bpmn/1.0" id="Defs_${key}" targetNamespace="http://baton.dev/e2e">
  <bpmn:process id="${key}" name="Rate supplier" isExecutable="true">
    <bpmn:extensionElements><baton:form id="form-${key}">${body}</baton:form></bpmn:extensionElements>
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rate" />
    <bpmn:userTask id="rate" name="Rate supplier" camunda:candidateGroups="reviewers" camunda:formRef="form-${key}" camunda:formRefBinding="deployment" />
    <bpmn:sequenceFlow id="f2" sourceRef="rate" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

export const PASSWORD = 'password-e2e-1';

/** creates the user unless it exists (users persist for the whole run) */
export async function ensureUser(api: BatonApi, adminToken: string, username: string, groups: string[]): Promise<void> {
  const users = await api.query<{ username: string }[]>(adminToken, 'users.list');
  if (users.some((u) => u.username === username)) return;
  await api.mutation(adminToken, 'users.create', { username, password: PASSWORD, groups, roles: ['worker'] });
}

export async function deploy(api: BatonApi, adminToken: string, xml: string): Promise<void> {
  await api.mutation(adminToken, 'definitions.deploy', { xml });
}

export async function start(api: BatonApi, adminToken: string, key: string, businessKey: string, variables: Record<string, unknown> = {}): Promise<string> {
  const { id } = await api.mutation<{ id: string }>(adminToken, 'instances.start', { key, businessKey, variables });
  return id;
}

export async function openTaskIds(api: BatonApi, token: string, instanceId: string): Promise<string[]> {
  const { items } = await api.query<{ items: { id: string }[] }>(token, 'tasks.list', { instanceId, status: 'open' });
  return items.map((t) => t.id);
}

/** a none start event with a start form (requester required), then a reviewers task */
export function startFormXml(key: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Defs_${key}" targetNamespace="http://baton.dev/e2e">
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start">
      <bpmn:extensionElements>
        <camunda:formData>
          <camunda:formField id="requester" label="Requester" type="string">
            <camunda:validation><camunda:constraint name="required" /></camunda:validation>
          </camunda:formField>
          <camunda:formField id="amount" label="Amount" type="long" defaultValue="100" />
        </camunda:formData>
      </bpmn:extensionElements>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="check" />
    <bpmn:userTask id="check" name="Check request" camunda:candidateGroups="reviewers" />
    <bpmn:sequenceFlow id="f2" sourceRef="check" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;
}
