/**
 * Call activities that Baton resolves by key across deployments. bpmn-elements' call activity waits
 * for a signal (complete) or an error, and announces itself with an `activity.call` event that the
 * engine answers by running a process of the SAME file — which would also run a call activity that
 * calls its own process recursively inside one engine. Here the call activity announces an ordinary
 * wait instead; the host lists the new calls after each step and the services start the called
 * instance (its own Definition version, its own commits) and later complete or fail this activity.
 */
import * as engineTasks from 'bpmn-elements/tasks';
import { CallActivity as EngineCallActivity } from 'bpmn-elements';
import type { ActivityFactory, Broker } from './engine-internals.js';

type BehaviourConstructor = new (activity: unknown, context: unknown) => { broker: Broker };
const { CallActivityBehaviour } = engineTasks as unknown as { CallActivityBehaviour: BehaviourConstructor };

class WaitingCallActivityBehaviour extends CallActivityBehaviour {
  constructor(activity: unknown, context: unknown) {
    super(activity, context);
    const broker = this.broker;
    this.broker = Object.create(broker, {
      publish: {
        value(exchange: string, routingKey: string, content: Record<string, unknown>, properties?: Record<string, unknown>) {
          if (exchange === 'event' && routingKey === 'activity.call') return broker.publish('event', 'activity.wait', content, properties);
          // the host sees the call activity leave and cancels the called instance itself
          if (exchange === 'event' && routingKey === 'activity.call.cancel') return undefined;
          return broker.publish(exchange, routingKey, content, properties);
        },
      },
    });
  }
}

// bpmn-elements calls element types with `new`: a function declaration, not an arrow
export function CallActivity(activityDef: Record<string, unknown>, context: unknown) {
  const activity = (EngineCallActivity as unknown as ActivityFactory)(activityDef, context);
  activity.Behaviour = WaitingCallActivityBehaviour;
  return activity;
}
