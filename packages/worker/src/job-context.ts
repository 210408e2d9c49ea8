/**
 * The second argument of a handler: settle the job explicitly, or extend its lock by hand. A job is
 * settled once (complete, fail or BPMN error); a second attempt throws `JobAlreadySettledError`
 * without calling the runtime. A CONFLICT from the runtime surfaces as `JobLockLostError`.
 */
import type { Job } from '@baton/shared';
import type { BatonClient } from './client.js';
import { apiErrorCode, JobAlreadySettledError, JobLockLostError } from './errors.js';
import type { Variables } from './worker-options.js';

export interface FailOptions {
  /** retries left after this failure; 0 raises an incident (default: the job's retries minus one) */
  retries?: number;
  /** delay before the job is offered again (default: the worker's backoff for this attempt) */
  retryBackoffMs?: number;
  /** longer text shown with the incident, e.g. a stack trace */
  details?: string;
}

export interface JobContext {
  readonly job: Job;
  readonly workerId: string;
  /** aborted when the worker learns that it lost the job's lock: stop work, the result will be refused */
  readonly signal: AbortSignal;
  /** how the job was settled, once it was */
  readonly settledAs: 'completed' | 'failed' | 'bpmnError' | undefined;
  complete(variables?: Variables): Promise<void>;
  fail(message: string, options?: FailOptions): Promise<{ incidentId?: string }>;
  bpmnError(code: string, message?: string, variables?: Variables): Promise<void>;
  /** locks the job for `durationMs` from now; automatic extensions keep that duration afterwards */
  extendLock(durationMs: number): Promise<void>;
}

export interface JobContextDeps {
  job: Job;
  workerId: string;
  client: BatonClient;
  signal: AbortSignal;
  /** the defaults for `fail` without options */
  failDefaults(): { retries: number; retryBackoffMs: number };
  onLockExtended(durationMs: number, sentAt: number): void;
}

export function createJobContext(deps: JobContextDeps): JobContext {
  const { job, workerId, client } = deps;
  let settledAs: JobContext['settledAs'];

  const call = async <T>(as: NonNullable<JobContext['settledAs']> | undefined, run: () => Promise<T>): Promise<T> => {
    if (settledAs) throw new JobAlreadySettledError(job.id, settledAs);
    if (as) settledAs = as;
    try {
      return await run();
    } catch (error) {
      if (apiErrorCode(error) === 'CONFLICT') throw new JobLockLostError(job.id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  };

  return {
    job,
    workerId,
    signal: deps.signal,
    get settledAs() {
      return settledAs;
    },
    complete: (variables) =>
      call('completed', async () => {
        await client.jobs.complete.mutate({ id: job.id, workerId, ...(variables ? { variables } : {}) });
      }),
    fail: (message, options = {}) =>
      call('failed', async () => {
        const defaults = options.retries === undefined || options.retryBackoffMs === undefined ? deps.failDefaults() : undefined;
        const result = await client.jobs.fail.mutate({
          id: job.id,
          workerId,
          errorMessage: message,
          retries: Math.max(0, options.retries ?? defaults!.retries),
          retryBackoffMs: options.retryBackoffMs ?? defaults!.retryBackoffMs,
          ...(options.details !== undefined ? { errorDetails: options.details } : {}),
        });
        return result.incidentId ? { incidentId: result.incidentId } : {};
      }),
    bpmnError: (code, message, variables) =>
      call('bpmnError', async () => {
        await client.jobs.bpmnError.mutate({ id: job.id, workerId, errorCode: code, ...(message ? { errorMessage: message } : {}), ...(variables ? { variables } : {}) });
      }),
    extendLock: (durationMs) =>
      call(undefined, async () => {
        const sentAt = Date.now();
        await client.jobs.extendLock.mutate({ id: job.id, workerId, newDurationMs: durationMs });
        deps.onLockExtended(durationMs, sentAt);
      }),
  };
}
