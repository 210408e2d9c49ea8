/**
 * Messages and signals, correlated like Camunda 7's API. A message goes to the waiting catch events
 * (intermediate, boundary, receive task) with that name, narrowed by business key, instance id and
 * variable equality; when none waits, a message start event of the latest version starts a new
 * instance. A signal reaches every waiting catch event and every signal start event.
 */
import type { BroadcastSignalInput, CorrelateMessageInput } from '@baton/shared';
import { NotFoundError } from '../errors.js';
import type { Store, SubscriptionRow } from '../store/store.js';
import type { Actor } from './actor.js';
import type { StepRunner } from './step-runner.js';

export class MessageService {
  constructor(
    private readonly store: Store,
    private readonly steps: StepRunner,
  ) {}

  async correlate(input: CorrelateMessageInput, actor: Actor): Promise<{ correlated: { instanceId: string; elementId: string }[]; started: string[] }> {
    const businessKey = input.businessKey ?? input.correlationKey;
    let subscriptions = await this.store.findSubscriptions({ kind: 'message', name: input.name, ...(businessKey ? { businessKey } : {}), ...(input.instanceId ? { instanceId: input.instanceId } : {}) });
    if (input.correlationVariables) subscriptions = await this.matchVariables(subscriptions, input.correlationVariables);
    const correlated: { instanceId: string; elementId: string }[] = [];
    for (const sub of input.all ? subscriptions : subscriptions.slice(0, 1)) {
      const now = new Date().toISOString();
      await this.steps.step(sub.instanceId, { type: 'signal', executionId: sub.executionId, ...(input.variables ? { variables: input.variables } : {}) }, {
        actor: actor.username,
        leadingEvents: [{ type: 'message.correlated', instanceId: sub.instanceId, at: now, elementId: sub.elementId, name: input.name }],
      });
      correlated.push({ instanceId: sub.instanceId, elementId: sub.elementId });
    }
    const started: string[] = [];
    if (!correlated.length && !input.instanceId) {
      for (const trigger of await this.store.findStartTriggers('message', input.name)) {
        const { id } = await this.steps.start({ definitionId: trigger.definitionId, businessKey: businessKey ?? null, variables: input.variables ?? {}, startElementId: trigger.elementId, actor: actor.username });
        started.push(id);
      }
    }
    if (!correlated.length && !started.length) {
      throw new NotFoundError('waiting receiver for message', `${input.name}${businessKey ? `" with business key "${businessKey}` : ''}`);
    }
    return { correlated, started };
  }

  /**
   * Signals are not buffered (BPMN 2.0 §10.5.1): they reach the catch events waiting now and the
   * signal start events; a catch event that becomes active later never sees this signal.
   * `from` is set when an instance threw the signal itself: its own catch events already caught it
   * inside the engine, and its own process's signal start events are not started again by it (a
   * process that throws the signal it starts on would otherwise start itself forever).
   */
  async broadcast(input: BroadcastSignalInput, actor: Actor, from?: { instanceId: string; key: string }): Promise<{ delivered: number; started: string[] }> {
    const subscriptions = (await this.store.findSubscriptions({ kind: 'signal', name: input.name })).filter((sub) => sub.instanceId !== from?.instanceId);
    let delivered = 0;
    for (const sub of subscriptions) {
      try {
        await this.steps.step(sub.instanceId, { type: 'signal', executionId: sub.executionId, ...(input.variables ? { variables: input.variables } : {}) }, {
          actor: actor.username,
          leadingEvents: [{ type: 'signal.received', instanceId: sub.instanceId, at: new Date().toISOString(), elementId: sub.elementId, name: input.name }],
        });
        delivered += 1;
      } catch {
        // the catch event moved on concurrently; a broadcast is best effort per receiver
      }
    }
    const started: string[] = [];
    for (const trigger of await this.store.findStartTriggers('signal', input.name)) {
      if (trigger.key === from?.key) continue;
      const { id } = await this.steps.start({ definitionId: trigger.definitionId, businessKey: null, variables: input.variables ?? {}, startElementId: trigger.elementId, actor: actor.username });
      started.push(id);
    }
    return { delivered, started };
  }

  private async matchVariables(subscriptions: SubscriptionRow[], expected: Record<string, unknown>) {
    const matches: SubscriptionRow[] = [];
    for (const sub of subscriptions) {
      const instance = await this.store.getInstance(sub.instanceId);
      if (instance && Object.entries(expected).every(([k, v]) => JSON.stringify(instance.variables[k]) === JSON.stringify(v))) matches.push(sub);
    }
    return matches;
  }
}
