/**
 * EventHub: in-process fan-out of committed RuntimeEvents to live subscribers (SSE streams, long-poll
 * waiters). Publishing happens only after the commit, so a subscriber never sees an event that could
 * still roll back. Several runtime nodes bridge their hubs through PostgreSQL LISTEN/NOTIFY.
 */
import type { StoredEvent } from '../store/store.js';

export type EventListener = (events: StoredEvent[]) => void;

export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private readonly jobListeners = new Set<(topic: string) => void>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(events: StoredEvent[]) {
    if (!events.length) return;
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch {
        // a failing subscriber must not break the publisher or the others
      }
    }
  }

  /** wakes long-polling job workers when a job for a topic becomes available */
  onJobAvailable(listener: (topic: string) => void): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  jobAvailable(topic: string) {
    for (const listener of this.jobListeners) listener(topic);
  }

  get subscriberCount() {
    return this.listeners.size;
  }
}
