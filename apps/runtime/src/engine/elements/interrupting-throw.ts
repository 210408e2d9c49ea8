/**
 * Signal and escalation THROW events whose catchers interrupt in time.
 *
 * BPMN 2.0 (§10.5.4, §10.5.6): when a thrown signal or escalation is caught by an interrupting
 * boundary event or an interrupting event sub-process, the scope is cancelled at that moment; the
 * throw event's outgoing flow must not run. bpmn-elements delivers the throw synchronously and then
 * immediately completes the throw event, so the rest of the sub-process ran to its end before the
 * catcher's interruption was processed (the measured "acts too late" gap).
 *
 * Here the throw event completes one microtask later: the catch and its interruption (queued in the
 * parent's activity queue, drained synchronously) happen first, cancelling the throw event with its
 * scope; when nothing interrupts, the throw event simply completes a microtask later. The engine has
 * settled long before the host reads the outcome (the host waits a macrotask).
 */
import * as engineDefinitions from 'bpmn-elements/eventDefinitions';
import type { Broker, BrokerMessage } from './engine-internals.js';
import { deferringCompletion } from './deferred-completion.js';

type ThrowingDefinition = { broker: Broker; executeThrow(executeMessage: BrokerMessage): unknown };
type DefinitionConstructor = new (activity: unknown, eventDefinition: unknown) => ThrowingDefinition;

function deferCompletion(Base: DefinitionConstructor): DefinitionConstructor {
  return class DeferredCompletion extends Base {
    override executeThrow(executeMessage: BrokerMessage) {
      const deferring = deferringCompletion(this.broker);
      return Base.prototype.executeThrow.call(Object.create(this, { broker: { value: deferring } }), executeMessage);
    }
  };
}

const base = engineDefinitions as unknown as Record<'SignalEventDefinition' | 'EscalationEventDefinition', DefinitionConstructor>;
export const SignalEventDefinition = deferCompletion(base.SignalEventDefinition);
export const EscalationEventDefinition = deferCompletion(base.EscalationEventDefinition);
