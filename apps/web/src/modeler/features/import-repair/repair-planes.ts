/**
 * Repairs diagram-interchange planes that point at something bpmn-js cannot show as a root (some
 * tools, e.g. Modelio, point the BPMNPlane at bpmn:Definitions). The plane is re-pointed at the
 * collaboration, or at the process when there is exactly one, so the file opens instead of failing.
 * Returns one sentence per repair, for the user.
 */

type Root = { $type: string; id?: string; name?: string; flowElements?: unknown[] };
type Definitions = {
  rootElements?: Root[];
  diagrams?: Array<{ id?: string; plane?: { bpmnElement?: Root; planeElement?: Array<{ bpmnElement?: Root }> } }>;
};

const SHOWABLE = ['bpmn:Process', 'bpmn:Collaboration', 'bpmn:SubProcess', 'bpmn:AdHocSubProcess', 'bpmn:Transaction', 'bpmn:Participant'];

export function repairPlanes(definitions: Definitions | undefined): string[] {
  const repairs: string[] = [];
  if (!definitions) return repairs;
  const roots = definitions.rootElements ?? [];
  const collaboration = roots.find((r) => r.$type === 'bpmn:Collaboration');
  const processes = roots.filter((r) => r.$type === 'bpmn:Process');
  const target = collaboration ?? (processes.length === 1 ? processes[0] : processes.find((p) => (p.flowElements ?? []).length > 0));
  for (const diagram of definitions.diagrams ?? []) {
    const plane = diagram.plane;
    if (!plane || !target) continue;
    const current = plane.bpmnElement;
    // A plane on a process that draws pools belongs to the collaboration (Visual Paradigm does this).
    const drawsPools = (plane.planeElement ?? []).some((e) => e.bpmnElement?.$type === 'bpmn:Participant');
    const poolsOnProcess = current?.$type === 'bpmn:Process' && drawsPools && !!collaboration;
    if (current && SHOWABLE.includes(current.$type) && !poolsOnProcess) continue;
    plane.bpmnElement = target;
    repairs.push(
      `Diagram ${diagram.id ?? ''} pointed at ${current ? current.$type.replace('bpmn:', '') : 'nothing'}; it is shown for ${target.$type.replace('bpmn:', '').toLowerCase()} ${target.name ? `“${target.name}”` : target.id}.`,
    );
  }
  return repairs;
}
