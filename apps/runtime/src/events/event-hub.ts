/**
 * EventHub: in-process fan-out of committed RuntimeEvents to live subscribers (SSE streams, long-poll
 * waiters). Publishing happens only after the commit, so a subscriber never sees an event that could
 * still roll back. With several runtime nodes, a bridge (pg-bridge.ts) forwards local publications to
 * the other nodes through PostgreSQL LISTEN/NOTIFY and delivers theirs here with `deliverRemote`.
 */
import type { StoredEvent } from '../store/store.js';

export type EventListener = (events: StoredEvent[]) => void;

export interface HubOutbound {
  events(events: StoredEvent[]): void;
  jobAvailable(topic: string): void;
}

export class EventHub {
  private readonly listeners = new Set<EventListener>();
  private readonly jobListeners = new Set<(topic: string) => void>();
  private outbound?: HubOutbound;

  /** where local publications are forwarded (the other nodes); set by the PostgreSQL bridge */
  connect(outbound: HubOutbound | undefined) {
    this.outbound = outbound;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** events committed on this node */
  publish(events: StoredEvent[]) {
    if (!events.length) return;
    this.deliver(events);
    this.outbound?.events(events);
  }

  /** events committed on another node */
  deliverRemote(events: StoredEvent[]) {
    if (events.length) this.deliver(events);
  }

  private deliver(events: StoredEvent[]) {
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

  jobAvailable(topic: string, remote = false) {
    for (const listener of this.jobListeners) listener(topic);
    if (!remote) this.outbound?.jobAvailable(topic);
  }

  get subscriberCount() {
    return this.listeners.size;
  }
}
