/**
 * The job worker: long-polls the runtime for jobs of its topics and runs their handlers.
 *
 * Guarantees:
 * - never more handlers in flight than `concurrency`: each poll asks for at most the free slots, and
 *   with no free slot the worker waits for a handler to finish before polling again;
 * - a job's lock is extended while its handler runs (see lock-keeper.ts);
 * - `stop()` stops polling at once (aborting the open long-poll), lets running handlers finish and
 *   settle their jobs, then resolves. Jobs that arrive in a poll answered while stopping still run:
 *   they are locked to this worker, and dropping them would only delay them by a lock duration.
 */
import type { Job } from '@baton/shared';
import { createClient, type BatonClient } from './client.js';
import { runJob } from './job-runner.js';
import { resolveWorkerOptions, type ResolvedWorkerOptions, type WorkerOptions } from './worker-options.js';

export type WorkerState = 'idle' | 'running' | 'stopping';

export interface Worker {
  readonly workerId: string;
  /** true while the worker polls for jobs (from `start()` until `stop()` is called) */
  readonly running: boolean;
  readonly state: WorkerState;
  /** handlers running now */
  readonly inFlight: number;
  /** starts polling; a no-op while running */
  start(): void;
  /** stops polling and resolves once every running handler has finished and settled its job */
  stop(): Promise<void>;
}

export function createWorker(options: WorkerOptions): Worker {
  return new JobWorker(resolveWorkerOptions(options));
}

class JobWorker implements Worker {
  private readonly client: BatonClient;
  private readonly active = new Set<Promise<void>>();
  private wakeUp: (() => void) | undefined;
  private poll: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private stopping: Promise<void> | undefined;
  state: WorkerState = 'idle';

  constructor(private readonly options: ResolvedWorkerOptions) {
    this.client = createClient({ url: options.url, token: options.token, batch: false, ...(options.fetch ? { fetch: options.fetch } : {}) });
  }

  get workerId() {
    return this.options.workerId;
  }

  get running() {
    return this.state === 'running';
  }

  get inFlight() {
    return this.active.size;
  }

  start() {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.options.logger.info('worker started', { workerId: this.workerId, topics: [...this.options.topics.keys()] });
    this.loop = this.pollLoop().catch((error: unknown) => {
      this.options.logger.error('worker poll loop crashed', { workerId: this.workerId, error: error instanceof Error ? error.message : String(error) });
    });
  }

  stop(): Promise<void> {
    if (this.state === 'idle') return Promise.resolve();
    if (!this.stopping) {
      this.state = 'stopping';
      this.poll?.abort();
      this.wake();
      this.stopping = (async () => {
        await this.loop;
        while (this.active.size) await Promise.allSettled([...this.active]);
        this.state = 'idle';
        this.stopping = undefined;
        this.options.logger.info('worker stopped', { workerId: this.workerId });
      })();
    }
    return this.stopping;
  }

  private wake() {
    const wake = this.wakeUp;
    this.wakeUp = undefined;
    wake?.();
  }

  /** resolves when a handler finishes, stop() is called, or after `ms` */
  private waitForWake(ms?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => this.wake(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async pollLoop() {
    const { options } = this;
    let failures = 0;
    const topics = [...options.topics.values()].map((t) => ({ topic: t.name, lockDurationMs: t.lockDurationMs, ...(t.variables ? { variables: t.variables } : {}) }));
    while (this.state === 'running') {
      const free = options.concurrency - this.active.size;
      if (free <= 0) {
        await this.waitForWake();
        continue;
      }
      const controller = new AbortController();
      this.poll = controller;
      let jobs: Job[];
      try {
        jobs = await this.client.jobs.fetchAndLock.mutate(
          { workerId: options.workerId, topics, maxJobs: Math.min(options.maxJobs, free), asyncResponseTimeoutMs: options.pollTimeoutMs },
          { signal: controller.signal },
        );
        failures = 0;
      } catch (error) {
        if (this.state !== 'running') break;
        failures += 1;
        // the runtime is down or refuses us: back off (doubling, up to 30 s) instead of hammering it
        const retryInMs = Math.min(30_000, options.errorBackoffMs * 2 ** Math.min(failures - 1, 10));
        options.logger.error('could not fetch jobs; polling again shortly', { workerId: options.workerId, error: error instanceof Error ? error.message : String(error), retryInMs });
        await this.waitForWake(retryInMs);
        continue;
      } finally {
        this.poll = undefined;
      }
      // the runtime locked these jobs just before answering, after the long-poll wait: count the lock
      // from now (the part of the lock left after extendLockAt covers the answer's travel time)
      const lockedAt = Date.now();
      for (const job of jobs) this.dispatch(job, lockedAt);
    }
  }

  private dispatch(job: Job, lockedAt: number) {
    const topic = this.options.topics.get(job.topic);
    if (!topic) {
      this.options.logger.error('received a job for a topic this worker does not handle; leaving it to expire', { jobId: job.id, topic: job.topic });
      return;
    }
    const run = runJob(job, topic, lockedAt, this.options, this.client).finally(() => {
      this.active.delete(run);
      this.wake();
    });
    this.active.add(run);
  }
}
