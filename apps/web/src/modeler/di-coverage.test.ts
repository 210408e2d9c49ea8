import { describe, expect, it } from 'vitest';
import { describeNotDrawn, diCoverage } from './di-coverage';

describe('DI coverage', () => {
  const defs = {
    diagrams: [
      {
        plane: {
          planeElement: [
            { $type: 'bpmndi:BPMNShape', bpmnElement: { id: 'a', name: 'Check stock', $type: 'bpmn:Task' } },
            { $type: 'bpmndi:BPMNShape', bpmnElement: { id: 'b', $type: 'bpmn:ComplexGateway' } },
            { $type: 'bpmndi:BPMNEdge', id: 'e_di' },
          ],
        },
      },
    ],
  };

  it('given shapes not in the registry, when measured, then each is named with a reason', () => {
    const result = diCoverage(defs, (id) => id === 'a', [{ message: 'unsupported', element: { id: 'b' } }]);
    expect(result.total).toBe(3);
    expect(result.drawn).toBe(1);
    expect(result.notDrawn.map(describeNotDrawn)).toEqual([
      'ComplexGateway (b) — unsupported',
      'bpmndi:BPMNEdge (e_di) — its bpmnElement reference points to nothing',
    ]);
  });
});
