/**
 * Compensation in reverse order of completion (BPMN 2.0 §10.6.2): when compensation is thrown, the
 * handlers of the completed activities run in the reverse order in which those activities completed.
 * bpmn-elements delivers the throw to the compensation boundary events in document order and each
 * starts its handler at once, so `a` then `b` was undone as `undoA`, `undoB`.
 *
 * - Each compensation boundary stamps the completion it collects with a precise time (kept in the
 *   collected message, so it survives a snapshot).
 * - A caught compensate event is queued per scope and, one microtask later, the queued catchers start
 *   their handlers latest-completed first.
 * - The throw event itself completes after that (its completion is deferred one more microtask), so
 *   the flow after an intermediate compensation throw continues once the handlers have run.
 */
import * as engineDefinitions from 'bpmn-elements/eventDefinitions';
import { deferringCompletion } from './deferred-completion.js';
import type { Broker, BrokerMessage } from './engine-internals.js';

interface Queued {
  completedAt: number;
  start: () => void;
}

interface CompensateDefinition {
  activity: { environment: object };
  broker: Broker;
  executeThrow(executeMessage: BrokerMessage): unknown;
  _onCollect(routingKey: string, message: BrokerMessage): unknown;
  _onCompensateApiMessage(routingKey: string, message: BrokerMessage): unknown;
}

type CompensateConstructor = new (activity: unknown, eventDefinition: unknown, context: unknown) => CompensateDefinition;

const QUEUE = Symbol.for('baton.compensation.queue');
const COMPLETED_AT = 'batonCompletedAt';

const preciseNow = () => performance.timeOrigin + performance.now();

const Base = (engineDefinitions as unknown as { CompensateEventDefinition: CompensateConstructor }).CompensateEventDefinition;

export class CompensateEventDefinition extends Base {
  private latestCompletion = 0;

  override _onCollect(routingKey: string, message: BrokerMessage) {
    const completedAt = preciseNow();
    this.latestCompletion = Math.max(this.latestCompletion, completedAt);
    return super._onCollect(routingKey, { ...message, content: { ...message.content, [COMPLETED_AT]: completedAt } });
  }

  override _onCompensateApiMessage(routingKey: string, message: BrokerMessage) {
    const scope = this.activity.environment as { [QUEUE]?: Queued[] };
    const queue = (scope[QUEUE] ??= []);
    queue.push({ completedAt: this.completedAt(), start: () => super._onCompensateApiMessage(routingKey, message) });
    if (queue.length > 1) return;
    queueMicrotask(() => {
      const due = queue.splice(0).sort((a, b) => b.completedAt - a.completedAt);
      for (const item of due) item.start();
    });
  }

  override executeThrow(executeMessage: BrokerMessage) {
    // completes after the queued handlers have started (their microtask was queued first)
    const deferring = deferringCompletion(this.broker);
    return Base.prototype.executeThrow.call(Object.create(this, { broker: { value: deferring } }), executeMessage);
  }

  /** when the attached activity completed: stamped at collection, or read back from a recovered queue */
  private completedAt(): number {
    if (this.latestCompletion) return this.latestCompletion;
    const collected = (this as unknown as { [key: symbol]: { messages?: { content?: Record<string, unknown> }[] } })[Symbol.for('compensateQ')];
    const stamps = (collected?.messages ?? []).map((m) => Number(m.content?.[COMPLETED_AT] ?? 0));
    return Math.max(0, ...stamps);
  }
}
