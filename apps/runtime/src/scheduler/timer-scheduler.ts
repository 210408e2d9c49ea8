/**
 * The durable timer scheduler. Due timers are claimed from the store with a short lease (SKIP LOCKED on
 * PostgreSQL), so with several nodes each timer fires once; a node that dies mid-fire lets its lease
 * expire and another node fires it. On start-up the first tick fires everything that fell due while
 * the runtime was down.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger.js';
import type { StepRunner } from '../services/step-runner.js';
import type { Store } from '../store/store.js';

const LEASE_MS = 5_000;
const BATCH = 50;
const MAX_SLEEP_MS = 500;

export class TimerScheduler {
  private stopped = true;
  private wake?: () => void;
  private loop?: Promise<void>;
  private readonly owner = `node-${randomUUID()}`;

  constructor(
    private readonly store: Store,
    private readonly steps: StepRunner,
    private readonly logger: Logger,
  ) {}

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  async stop() {
    this.stopped = true;
    this.wake?.();
    await this.loop;
  }

  /**
   * fires every timer due by `now` (the loop passes the clock; tests pass a later time to move faster
   * than the clock — due times live in the store, so a 30-day timer needs no 30-day setTimeout)
   */
  async tick(now: Date = new Date()): Promise<number> {
    let fired = 0;
    for (;;) {
      const timers = await this.store.claimDueTimers({ now: now.toISOString(), limit: BATCH, owner: this.owner, leaseMs: LEASE_MS });
      if (!timers.length) return fired;
      await Promise.all(
        timers.map(async (timer) => {
          try {
            await this.steps.step(timer.instanceId, { type: 'fireTimer', executionId: timer.executionId }, {
              leadingEvents: [],
            });
            fired += 1;
          } catch (error) {
            this.logger.warn({ instanceId: timer.instanceId, timerId: timer.id, err: (error as Error).message }, 'timer could not fire; it will be retried when its lease expires');
          }
        }),
      );
      if (timers.length < BATCH || this.stopped) return fired;
    }
  }

  private async run() {
    while (!this.stopped) {
      try {
        await this.tick();
      } catch (error) {
        this.logger.error({ err: (error as Error).message }, 'timer scheduler tick failed');
      }
      if (this.stopped) break;
      let sleep = MAX_SLEEP_MS;
      try {
        const next = await this.store.nextTimerDue();
        if (next) sleep = Math.max(10, Math.min(MAX_SLEEP_MS, new Date(next).getTime() - Date.now()));
      } catch {
        // database hiccup: poll again shortly
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, sleep);
        this.wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
  }
}
