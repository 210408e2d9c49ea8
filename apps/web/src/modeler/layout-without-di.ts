/**
 * Lays out BPMN that has no diagram interchange (DI). bpmn-auto-layout walks each flow node's
 * `incoming`/`outgoing` references, which hand-written XML and many tools leave out (they are
 * redundant with the sequence flows' sourceRef/targetRef); without them it stacks the nodes in a
 * column and draws no edges. So the references are filled in from the flows first.
 */
import BpmnModdle from 'bpmn-moddle';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';
import batonModdle from './features/forms/baton-moddle';

interface Node {
  $type: string;
  flowElements?: Node[];
  sourceRef?: Node;
  targetRef?: Node;
  incoming?: Node[];
  outgoing?: Node[];
  processRef?: Node;
  participants?: Node[];
  rootElements?: Node[];
}

function linkFlows(container: Node, seen: Set<Node>) {
  if (seen.has(container)) return;
  seen.add(container);
  for (const element of container.flowElements ?? []) {
    if (element.$type === 'bpmn:SequenceFlow' && element.sourceRef && element.targetRef) {
      const outgoing = (element.sourceRef.outgoing ??= []);
      if (!outgoing.includes(element)) outgoing.push(element);
      const incoming = (element.targetRef.incoming ??= []);
      if (!incoming.includes(element)) incoming.push(element);
    }
    if (element.flowElements) linkFlows(element, seen);
  }
}

/** fills incoming/outgoing from the sequence flows (exported for tests) */
export async function withFlowReferences(xml: string): Promise<string> {
  const moddle = new BpmnModdle({ camunda: camundaModdle, baton: batonModdle });
  const { rootElement } = (await moddle.fromXML(xml)) as unknown as { rootElement: Node };
  const seen = new Set<Node>();
  for (const root of rootElement.rootElements ?? []) {
    if (root.$type === 'bpmn:Process') linkFlows(root, seen);
    for (const participant of root.participants ?? []) if (participant.processRef) linkFlows(participant.processRef, seen);
  }
  const { xml: out } = await moddle.toXML(rootElement as never, { format: true });
  return out;
}

export async function layoutWithoutDi(xml: string): Promise<string> {
  const { layoutProcess } = await import('bpmn-auto-layout');
  return layoutProcess(await withFlowReferences(xml));
}
