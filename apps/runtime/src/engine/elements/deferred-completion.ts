/**
 * A broker view that delays a throw event's own `execute.completed` by one microtask, so work the
 * throw set off synchronously (an interrupting catcher, queued compensation handlers) happens first.
 * Every other publication goes straight through.
 */
import type { Broker } from './engine-internals.js';

export function deferringCompletion(broker: Broker): Broker {
  return Object.create(broker, {
    publish: {
      value(exchange: string, routingKey: string, content: Record<string, unknown>, properties?: Record<string, unknown>) {
        if (exchange === 'execution' && routingKey === 'execute.completed') {
          queueMicrotask(() => broker.publish(exchange, routingKey, content, properties));
          return;
        }
        broker.publish(exchange, routingKey, content, properties);
      },
    },
  }) as Broker;
}
