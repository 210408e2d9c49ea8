/**
 * What `createWorker` accepts, and the defaults it fills in. Normalising happens once, up front, so
 * the poll loop never meets an impossible setting.
 */
import type { Job } from '@baton/shared';
import { exponentialBackoff, type Backoff } from './backoff.js';
import type { TokenSource } from './client.js';
import { InvalidWorkerOptionsError } from './errors.js';
import type { JobContext } from './job-context.js';
import { jsonLogger, type Logger } from './logger.js';

export type Variables = Record<string, unknown>;

/**
 * Handles one job. Returning completes the job with the returned object as variables (nothing: no
 * variables); throwing `BpmnError` raises a BPMN error; throwing anything else fails the job, which
 * is retried with backoff until its retries run out and an incident is raised. A handler that already
 * settled the job through `ctx` may return anything.
 */
export type JobHandler = (job: Job, ctx: JobContext) => Promise<Variables | void> | Variables | void;

export interface TopicOptions {
  handler: JobHandler;
  /** how long a fetched job stays locked to this worker (extended automatically while the handler runs) */
  lockDurationMs?: number;
  /** fetch only these variables of the instance (default: all) */
  variables?: string[];
}

export interface WorkerOptions {
  url: string;
  token: TokenSource;
  /** identifies the worker in locks and history (default: `worker-<pid>-<random>`) */
  workerId?: string;
  topics: Record<string, JobHandler | TopicOptions>;
  /** most jobs fetched in one request (default: `concurrency`) */
  maxJobs?: number;
  /** most handlers running at once (default 10) */
  concurrency?: number;
  /** how long one long-poll waits for a job before asking again (default 20 s) */
  pollTimeoutMs?: number;
  /** default lock duration for topics that set none (default 30 s) */
  lockDurationMs?: number;
  /** retries of a job whose handler throws, when the job has none yet (default 3) */
  retries?: number;
  /** delay before a failed job is offered again: ms, or a function of the attempt (default 1 s doubling to 5 min) */
  retryBackoffMs?: Backoff;
  /** extend the lock when this fraction of it has passed (default 2/3) */
  extendLockAt?: number;
  /** delay after a failed fetch before polling again, doubling per consecutive failure up to 30 s (default 1 s) */
  errorBackoffMs?: number;
  logger?: Logger;
  fetch?: typeof globalThis.fetch;
}

export interface Topic {
  name: string;
  handler: JobHandler;
  lockDurationMs: number;
  variables?: string[];
}

export interface ResolvedWorkerOptions {
  url: string;
  token: TokenSource;
  workerId: string;
  topics: Map<string, Topic>;
  maxJobs: number;
  concurrency: number;
  pollTimeoutMs: number;
  retries: number;
  retryBackoffMs: Backoff;
  extendLockAt: number;
  errorBackoffMs: number;
  logger: Logger;
  fetch?: typeof globalThis.fetch;
}

function positiveInt(name: string, value: number | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < 1 || v > max) throw new InvalidWorkerOptionsError(`${name} must be an integer from 1 to ${max}; got ${String(value)}`);
  return v;
}

export function resolveWorkerOptions(options: WorkerOptions): ResolvedWorkerOptions {
  if (!options.url) throw new InvalidWorkerOptionsError('url is required (the runtime, e.g. http://127.0.0.1:3000)');
  const names = Object.keys(options.topics ?? {});
  if (!names.length) throw new InvalidWorkerOptionsError('topics must name at least one topic with its handler');
  const lockDefault = positiveInt('lockDurationMs', options.lockDurationMs, 30_000, 86_400_000);
  const topics = new Map<string, Topic>();
  for (const name of names) {
    const entry = options.topics[name];
    const topic = typeof entry === 'function' ? { handler: entry } : entry;
    if (typeof topic?.handler !== 'function') throw new InvalidWorkerOptionsError(`topic "${name}" needs a handler function`);
    topics.set(name, {
      name,
      handler: topic.handler,
      lockDurationMs: positiveInt(`topics.${name}.lockDurationMs`, topic.lockDurationMs, lockDefault, 86_400_000),
      ...(topic.variables ? { variables: topic.variables } : {}),
    });
  }
  const concurrency = positiveInt('concurrency', options.concurrency, 10, 500);
  const extendLockAt = options.extendLockAt ?? 2 / 3;
  if (!(extendLockAt > 0 && extendLockAt < 1)) throw new InvalidWorkerOptionsError(`extendLockAt must be between 0 and 1 (a fraction of the lock); got ${extendLockAt}`);
  const retries = options.retries ?? 3;
  if (!Number.isInteger(retries) || retries < 0) throw new InvalidWorkerOptionsError(`retries must be an integer of 0 or more; got ${retries}`);
  return {
    url: options.url,
    token: options.token,
    workerId: options.workerId ?? `worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
    topics,
    concurrency,
    maxJobs: positiveInt('maxJobs', options.maxJobs, concurrency, 500),
    pollTimeoutMs: Math.min(300_000, Math.max(0, options.pollTimeoutMs ?? 20_000)),
    retries,
    retryBackoffMs: options.retryBackoffMs ?? exponentialBackoff(),
    extendLockAt,
    errorBackoffMs: Math.max(0, options.errorBackoffMs ?? 1_000),
    logger: options.logger ?? jsonLogger('warn'),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}
