/**
 * The `timers` option handed to bpmn-engine. It never arms a real setTimeout: Baton's scheduler owns
 * due times in the database (so timers survive restarts and are not bound by setTimeout's 24.8-day
 * limit). Registrations are kept so the host can list active timers after a step and fire one on demand.
 */
export interface RegisteredTimer {
  executionId: string;
  elementId: string;
  delayMs: number;
  registeredAt: number;
  fire: () => void;
}

interface TimerArgs {
  id?: string;
  executionId?: string;
}

export class DurableTimers {
  readonly active = new Map<string, RegisteredTimer>();
  executing: unknown[] = [];

  register(_owner: unknown): { setTimeout: DurableTimers['setTimeout']; clearTimeout: DurableTimers['clearTimeout'] } {
    return { setTimeout: this.setTimeout.bind(this), clearTimeout: this.clearTimeout.bind(this) };
  }

  setTimeout(callback: (...args: unknown[]) => void, delay: number, ...args: unknown[]): { timerId: string; timerRef: string; owner: DurableTimers } {
    const info = (args[0] ?? {}) as TimerArgs;
    const executionId = info.executionId ?? `timer-${this.active.size}`;
    const timer: RegisteredTimer = {
      executionId,
      elementId: info.id ?? executionId,
      delayMs: delay,
      registeredAt: Date.now(),
      fire: () => {
        this.active.delete(executionId);
        callback(...args);
      },
    };
    this.active.set(executionId, timer);
    return { timerId: executionId, timerRef: executionId, owner: this };
  }

  clearTimeout(ref: { timerRef?: string } | undefined) {
    if (ref?.timerRef) this.active.delete(ref.timerRef);
    return undefined;
  }
}
