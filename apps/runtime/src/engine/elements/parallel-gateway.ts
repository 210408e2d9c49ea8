/**
 * A parallel gateway as BPMN 2.0 defines it (§13.3.3), where bare bpmn-elements differs twice:
 *
 * - Split: every outgoing flow is taken. Conditions on a parallel gateway's outgoing flows have no
 *   meaning in BPMN and are ignored (bpmn-elements evaluated them and could even fail with "no
 *   conditional flow taken").
 * - Join: the gateway fires when a token has ARRIVED on every incoming flow. bpmn-elements also counts
 *   an incoming flow that was discarded (a dead path, e.g. after an inclusive or exclusive split) and
 *   then fires with fewer tokens than incoming flows. BPMN says such a join never fires: the token
 *   stays at the gateway (a deadlock the modeler built). Baton keeps the gateway waiting so the stuck
 *   token is visible on the diagram and in `instances.get`, instead of silently continuing.
 */
import { ParallelGateway as EngineParallelGateway } from 'bpmn-elements';
import type { ActivityFactory, BrokerMessage, EngineActivity } from './engine-internals.js';

class ParallelGatewayBehaviour {
  private readonly broker: EngineActivity['broker'];

  constructor(private readonly activity: EngineActivity) {
    this.broker = activity.broker;
  }

  execute(executeMessage: BrokerMessage) {
    const content = executeMessage.content;
    const inbound = content.inbound ?? [];
    const deadPath = inbound.length > 1 && inbound.some((flow) => flow.action === 'discard');
    if (deadPath) {
      // a token can never arrive on the dead incoming flow: wait here for good (BPMN deadlock)
      this.broker.publish('event', 'activity.wait', { ...content, state: 'wait', deadlocked: true });
      return;
    }
    const outbound = this.activity.outbound.map((flow) => ({ id: flow.id, action: 'take' }));
    this.broker.publish('execution', 'execute.completed', { ...content, outbound });
  }
}

// bpmn-elements calls element types with `new`: a function declaration, not an arrow
export function ParallelGateway(activityDef: Record<string, unknown>, context: unknown) {
  const activity = (EngineParallelGateway as unknown as ActivityFactory)(activityDef, context);
  activity.Behaviour = ParallelGatewayBehaviour;
  return activity;
}
