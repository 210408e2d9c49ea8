/**
 * The narrow slice of bpmn-elements' internals that Baton's element behaviours touch. bpmn-elements is
 * plain JavaScript with loose typings; these interfaces name exactly what is relied on, so a version
 * bump that changes one of them fails here, in one place (bpmn-elements is pinned exactly).
 */
export interface BrokerMessage {
  fields: { routingKey?: string; redelivered?: boolean; consumerTag?: string };
  content: Record<string, unknown> & { executionId?: string; inbound?: { action?: string; sourceId?: string; id?: string }[] };
  properties: Record<string, unknown>;
}

export interface Broker {
  publish(exchange: string, routingKey: string, content: Record<string, unknown>, properties?: Record<string, unknown>): void;
  subscribeTmp(exchange: string, pattern: string, handler: (routingKey: string, message: BrokerMessage) => void, options?: Record<string, unknown>): void;
  cancel(consumerTag: string): void;
}

export interface EngineEnvironment {
  variables: Record<string, unknown>;
  resolveExpression(expression: unknown, message?: unknown): unknown;
}

export interface EngineActivity {
  id: string;
  type: string;
  broker: Broker;
  environment: EngineEnvironment;
  outbound: { id: string }[];
  Behaviour: unknown;
}

export type ActivityFactory = (activityDef: Record<string, unknown>, context: unknown) => EngineActivity;

/** bpmn-elements keeps an Environment's variables under this registered symbol. */
export const VARIABLES = Symbol.for('variables');
