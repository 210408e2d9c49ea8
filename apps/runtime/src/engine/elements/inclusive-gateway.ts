/**
 * An inclusive gateway whose JOIN synchronises (BPMN 2.0 §13.3.2): it fires once, after every incoming
 * flow has either delivered a token or been found dead, and it fires when at least one token arrived.
 * bpmn-elements fired the join once per arriving token, so the work after it ran twice.
 *
 * bpmn-elements propagates dead paths (a discarded flow sends a `flow.discard` downstream), which is
 * exactly what the OR-join needs to know that no further token can come. Its parallel-join machinery
 * waits for every incoming flow to be touched and runs if any was taken, so the inclusive join reuses
 * it through the `isParallelGateway` flag. The split (conditions, default flow) is unchanged.
 */
import { InclusiveGateway as EngineInclusiveGateway } from 'bpmn-elements';
import type { ActivityFactory } from './engine-internals.js';

// bpmn-elements calls element types with `new`: a function declaration, not an arrow
export function InclusiveGateway(activityDef: Record<string, unknown>, context: unknown) {
  return (EngineInclusiveGateway as unknown as ActivityFactory)({ ...activityDef, isParallelGateway: true }, context);
}
