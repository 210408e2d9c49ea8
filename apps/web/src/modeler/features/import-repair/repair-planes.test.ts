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
});
