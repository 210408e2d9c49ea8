/**
 * Baton's element behaviours, handed to moddle-context-serializer's TypeResolver in place of
 * bpmn-elements' own (see definition-model.ts). Each file says which BPMN 2.0 rule it restores.
 */
import * as engineElements from 'bpmn-elements';
import { CallActivity } from './call-activity.js';
import { CompensateEventDefinition } from './compensation.js';
import { InclusiveGateway } from './inclusive-gateway.js';
import { EscalationEventDefinition, SignalEventDefinition } from './interrupting-throw.js';
import { MultiInstanceLoopCharacteristics } from './multi-instance.js';
import { ParallelGateway } from './parallel-gateway.js';
import { StandardLoopCharacteristics } from './standard-loop.js';
import { SubProcess, Transaction } from './sub-process.js';

export function batonElements(): Record<string, unknown> {
  const base = engineElements as unknown as Record<string, unknown>;
  return {
    ...base,
    // a manual task has no one to wait for in an engine: it passes through like a plain task
    ManualTask: base.Task,
    // a root-level itemDefinition (a message's payload type) describes data and has no behaviour;
    // bpmn-elements has no type for it and refused the whole file
    ItemDefinition: base.Dummy,
    ParallelGateway,
    CallActivity,
    InclusiveGateway,
    StandardLoopCharacteristics,
    MultiInstanceLoopCharacteristics,
    SubProcess,
    Transaction,
    SignalEventDefinition,
    EscalationEventDefinition,
    CompensateEventDefinition,
  };
}
