/**
 * Which diagram-interchange (DI) elements of a file were drawn, and which were not — each named so
 * the user is told ("Not drawn: Task “Check stock” (Task_3) — …"), never left with silently missing shapes.
 */

export interface NotDrawn {
  id: string;
  name: string | null;
  type: string;
  reason: string;
}

type Bo = { id?: string; name?: string; $type?: string };
type DiElement = { id?: string; $type: string; bpmnElement?: Bo };
type Diagram = { id?: string; name?: string; plane?: { bpmnElement?: Bo; planeElement?: DiElement[] } };

export function diCoverage(
  definitions: { diagrams?: Diagram[] } | undefined,
  isDrawn: (id: string) => boolean,
  warnings: Array<{ message: string; element?: Bo }> = [],
): { total: number; drawn: number; notDrawn: NotDrawn[] } {
  const notDrawn: NotDrawn[] = [];
  let total = 0;
  const warningFor = (id: string) => warnings.find((w) => w.element?.id === id)?.message;
  const diagrams = definitions?.diagrams ?? [];
  diagrams.forEach((diagram) => {
    for (const di of diagram.plane?.planeElement ?? []) {
      total++;
      const bo = di.bpmnElement;
      if (!bo?.id) {
        notDrawn.push({ id: di.id ?? '(no id)', name: null, type: di.$type, reason: 'its bpmnElement reference points to nothing' });
        continue;
      }
      if (isDrawn(bo.id)) continue;
      // bpmn-js draws collapsed sub-process planes too; everything else lives on the plane it shows.
      notDrawn.push({
        id: bo.id,
        name: bo.name ?? null,
        type: bo.$type ?? di.$type,
        reason: warningFor(bo.id) ?? (diagrams.length > 1 ? `it belongs to diagram ${diagram.name ?? diagram.id ?? ''}` : 'bpmn-js could not place it'),
      });
    }
  });
  return { total, drawn: total - notDrawn.length, notDrawn };
}

export function describeNotDrawn(n: NotDrawn): string {
  const type = n.type.replace(/^bpmn:/, '');
  return `${type} ${n.name ? `“${n.name}” ` : ''}(${n.id}) — ${n.reason}`;
}
