/**
 * Helpers for BPMN scenario tests that run real diagrams through the API, as a user would: deploy,
 * start, drive waits (tasks, jobs, messages, signals, timers), then read the instance and its
 * RuntimeEvent history. Timers are fired by telling the durable scheduler that their time has come
 * (`scheduler.tick(dueAt)`), never by waiting for the clock.
 */
import { readFileSync } from 'node:fs';
import type { RuntimeEvent } from '@baton/shared';
import type { TestRuntime } from '../../test-support/test-runtime.js';

export function fixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** fires due timers in due order, until the instance stops running or has no timer left */
export async function runTimers(rt: TestRuntime, instanceId: string, maxRounds = 10): Promise<void> {
  for (let round = 0; round < maxRounds; round += 1) {
    const instance = await rt.services.store.getInstance(instanceId);
    if (!instance || instance.status !== 'running') return;
    const next = await rt.services.store.nextTimerDue();
    if (!next) return;
    await rt.services.scheduler.tick(new Date(new Date(next).getTime() + 1));
  }
}

export async function history(rt: TestRuntime, instanceId: string): Promise<RuntimeEvent[]> {
  return (await rt.as(rt.admin).instances.history({ id: instanceId })).items;
}

/** `type:elementId` for the events of the given types, in history order */
export function trace(events: RuntimeEvent[], types: RuntimeEvent['type'][] = ['activity.completed']): string[] {
  return events.filter((e) => types.includes(e.type)).map((e) => `${e.type}:${'elementId' in e ? e.elementId : ''}`);
}

export function completed(events: RuntimeEvent[]): string[] {
  return events.filter((e) => e.type === 'activity.completed').map((e) => (e as { elementId: string }).elementId);
}
