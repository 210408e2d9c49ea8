import { describe, expect, it } from 'vitest';
import { repairPlanes } from './repair-planes';

describe('repairPlanes', () => {
  it('given a plane pointing at the definitions, when repaired, then it points at the collaboration', () => {
    const collaboration = { $type: 'bpmn:Collaboration', id: 'c' };
    const defs = {
      rootElements: [{ $type: 'bpmn:Process', id: 'p1' }, collaboration],
      diagrams: [{ id: 'd', plane: { bpmnElement: { $type: 'bpmn:Definitions', id: 'defs' } } }],
    };
    expect(repairPlanes(defs)).toEqual(['Diagram d pointed at Definitions; it is shown for collaboration c.']);
    expect(defs.diagrams[0].plane.bpmnElement).toBe(collaboration);
  });

  it('given a valid plane, when repaired, then nothing changes', () => {
    const process = { $type: 'bpmn:Process', id: 'p' };
    const defs = { rootElements: [process], diagrams: [{ plane: { bpmnElement: process } }] };
    expect(repairPlanes(defs)).toEqual([]);
  });

  it('given a process plane that draws pools, when repaired, then it points at the collaboration', () => {
    const process = { $type: 'bpmn:Process', id: 'p' };
    const collaboration = { $type: 'bpmn:Collaboration', id: 'c' };
    const defs = {
      rootElements: [process, collaboration],
      diagrams: [{ id: 'd', plane: { bpmnElement: process, planeElement: [{ bpmnElement: { $type: 'bpmn:Participant', id: 'pool' } }] } }],
    };
    expect(repairPlanes(defs)).toHaveLength(1);
    expect(defs.diagrams[0].plane.bpmnElement).toBe(collaboration);
  });
});
