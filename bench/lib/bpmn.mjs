/** BPMN XML used by the benchmarks (the same XML runs bare and through the API). */

export function definitions(processId, body, extra = '') {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs_${processId}" targetNamespace="http://baton.dev/bench">
  ${extra}
  <process id="${processId}" isExecutable="true">
    ${body}
  </process>
</definitions>`;
}

/** start → 3 plain (service-less) tasks → end */
export const straightThrough = definitions(
  'bench_straight',
  `<startEvent id="s" />
   <sequenceFlow id="f1" sourceRef="s" targetRef="t1" /><task id="t1" name="One" />
   <sequenceFlow id="f2" sourceRef="t1" targetRef="t2" /><task id="t2" name="Two" />
   <sequenceFlow id="f3" sourceRef="t2" targetRef="t3" /><task id="t3" name="Three" />
   <sequenceFlow id="f4" sourceRef="t3" targetRef="e" /><endEvent id="e" />`,
);

/** start → user task → end */
export const userTaskCycle = definitions(
  'bench_usertask',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="work" />
   <userTask id="work" name="Work" />
   <sequenceFlow id="f2" sourceRef="work" targetRef="e" /><endEvent id="e" />`,
);

/** start → user task for a candidate group with a due date → end (inbox at scale) */
export function groupTask(processId = 'bench_inbox') {
  return definitions(
    processId,
    `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="work" />
     <userTask id="work" name="Review" camunda:candidateGroups="\${group}" camunda:dueDate="\${due}" />
     <sequenceFlow id="f2" sourceRef="work" targetRef="e" /><endEvent id="e" />`,
  );
}

/** start → external service task (job) → end */
export const serviceTask = definitions(
  'bench_job',
  `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="svc" />
   <serviceTask id="svc" name="Call" camunda:type="external" camunda:topic="bench" />
   <sequenceFlow id="f2" sourceRef="svc" targetRef="e" /><endEvent id="e" />`,
);

/** start → timer (duration) → end */
export function timerFlow(processId, duration) {
  return definitions(
    processId,
    `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="nap" />
     <intermediateCatchEvent id="nap"><timerEventDefinition><timeDuration>${duration}</timeDuration></timerEventDefinition></intermediateCatchEvent>
     <sequenceFlow id="f2" sourceRef="nap" targetRef="e" /><endEvent id="e" />`,
  );
}

/**
 * A large diagram WITH diagram interchange (shapes and edges), laid out on a grid: `tasks` tasks in a
 * chain (with an exclusive gateway every 10th step splitting into a task and a bypass), each element
 * and flow with DI. Returns { xml, flowElements } (flow elements = nodes + sequence flows).
 */
export function largeDiagram({ processId = 'bench_large', nodes = 2500, withDi = true } = {}) {
  const shapes = [];
  const edges = [];
  const body = [];
  const cols = 25;
  const pos = (i) => ({ x: 150 + (i % cols) * 160, y: 100 + Math.floor(i / cols) * 140 });
  const ids = [];
  for (let i = 0; i < nodes; i += 1) {
    let id;
    let tag;
    let w = 100;
    let h = 80;
    if (i === 0) {
      id = 'start';
      tag = `<startEvent id="${id}" />`;
      w = h = 36;
    } else if (i === nodes - 1) {
      id = 'end';
      tag = `<endEvent id="${id}" />`;
      w = h = 36;
    } else if (i % 10 === 5) {
      id = `gw_${i}`;
      tag = `<exclusiveGateway id="${id}" default="" />`;
      w = h = 50;
    } else {
      id = `task_${i}`;
      tag = i % 3 === 0 ? `<userTask id="${id}" name="Task ${i}" />` : `<task id="${id}" name="Task ${i}" />`;
    }
    ids.push({ id, w, h, ...pos(i) });
    body.push(tag);
    shapes.push(`<bpmndi:BPMNShape id="${id}_di" bpmnElement="${id}"><dc:Bounds x="${pos(i).x}" y="${pos(i).y}" width="${w}" height="${h}" /></bpmndi:BPMNShape>`);
  }
  let flows = 0;
  const flow = (a, b) => {
    const id = `flow_${(flows += 1)}`;
    body.push(`<sequenceFlow id="${id}" sourceRef="${a.id}" targetRef="${b.id}" />`);
    edges.push(
      `<bpmndi:BPMNEdge id="${id}_di" bpmnElement="${id}"><di:waypoint x="${a.x + a.w}" y="${a.y + a.h / 2}" /><di:waypoint x="${b.x}" y="${b.y + b.h / 2}" /></bpmndi:BPMNEdge>`,
    );
    return id;
  };
  for (let i = 0; i + 1 < ids.length; i += 1) flow(ids[i], ids[i + 1]);
  // gateways: the default flow goes on; fix their `default` attribute to the outgoing flow
  let xmlBody = body.join('\n    ');
  xmlBody = xmlBody.replace(/<exclusiveGateway id="gw_(\d+)" default="" \/>/g, (_, i) => `<exclusiveGateway id="gw_${i}" default="flow_${Number(i) + 1}" />`);
  const di = withDi
    ? `<bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="${processId}">${shapes.join('')}${edges.join('')}</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>`
    : '';
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs_${processId}" targetNamespace="http://baton.dev/bench">
  <process id="${processId}" isExecutable="true">
    ${xmlBody}
  </process>
  ${di}
</definitions>`;
  return { xml, flowElements: nodes + flows, nodes, flows };
}
