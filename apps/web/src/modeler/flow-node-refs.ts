/**
 * A sequence flow names its ends on itself (sourceRef/targetRef); the nodes' <incoming>/<outgoing>
 * lists are optional in BPMN and many generators and tools leave them out. bpmn-js does not fill them
 * on import, and bpmnlint reads only them — so such a file showed every node as "not connected" (and
 * "implicit start/end"), and Deploy was blocked for a process the runtime runs. Filling them in on
 * import, as bpmn-js does for every flow drawn in the editor, makes lint see what the runtime sees.
 */

interface ModdleElement {
  $type: string;
  flowElements?: ModdleElement[];
  rootElements?: ModdleElement[];
  sourceRef?: ModdleElement;
  targetRef?: ModdleElement;
  incoming?: ModdleElement[];
  outgoing?: ModdleElement[];
  get?(name: string): unknown;
}

/** the node's list, created (through moddle, so it serialises) when absent */
function list(node: ModdleElement, name: 'incoming' | 'outgoing'): ModdleElement[] {
  if (typeof node.get === 'function') return node.get(name) as ModdleElement[];
  return (node[name] ??= []);
}

function addOnce(node: ModdleElement | undefined, name: 'incoming' | 'outgoing', flow: ModdleElement): number {
  if (!node) return 0;
  const refs = list(node, name);
  if (refs.includes(flow)) return 0;
  refs.push(flow);
  return 1;
}

function visit(container: ModdleElement): number {
  let added = 0;
  for (const element of container.flowElements ?? []) {
    if (element.$type === 'bpmn:SequenceFlow') {
      added += addOnce(element.sourceRef, 'outgoing', element);
      added += addOnce(element.targetRef, 'incoming', element);
    }
    // sub-processes, transactions and ad-hoc sub-processes hold flows of their own
    if (element.flowElements) added += visit(element);
  }
  return added;
}

/** completes every flow node's incoming/outgoing from the sequence flows; returns how many were added */
export function completeFlowNodeRefs(definitions: unknown): number {
  let added = 0;
  for (const root of (definitions as ModdleElement | undefined)?.rootElements ?? []) added += visit(root);
  return added;
}
