/**
 * Runs one fetched job to its end: keeps the lock while the handler runs, then settles the job by the
 * handler's outcome. Never throws: whatever goes wrong is settled with the runtime or logged.
 *
 * Outcome -> API call:
 *   returns (object or nothing)  -> jobs.complete with the returned variables
 *   throws BpmnError             -> jobs.bpmnError (caught by an error boundary / event sub-process)
 *   throws anything else         -> jobs.fail with retries = (job.retries ?? worker retries) - 1 and
 *                                   the backoff for this attempt; 0 retries left raises an incident
 *   settled through ctx already  -> nothing more
 */
import type { Job } from '@baton/shared';
import { backoffMs } from './backoff.js';
import type { BatonClient } from './client.js';
import { BpmnError, JobLockLostError } from './errors.js';
import { createJobContext } from './job-context.js';
import { LockKeeper } from './lock-keeper.js';
import type { ResolvedWorkerOptions, Topic } from './worker-options.js';

const MAX_DETAILS = 20_000;

function isBpmnError(error: unknown): error is BpmnError {
  // duck-typed too, so a BpmnError from a second copy of this package still counts
  return error instanceof BpmnError || (error instanceof Error && error.name === 'BpmnError' && typeof (error as { code?: unknown }).code === 'string');
}

function describe(error: unknown): { message: string; details?: string } {
  if (error instanceof Error) return { message: error.message || error.name, ...(error.stack ? { details: error.stack.slice(0, MAX_DETAILS) } : {}) };
  return { message: typeof error === 'string' ? error : JSON.stringify(error) ?? String(error) };
}

function isVariables(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function runJob(job: Job, topic: Topic, lockedAt: number, options: ResolvedWorkerOptions, client: BatonClient): Promise<void> {
  const { logger, workerId } = options;
  const log = { jobId: job.id, topic: job.topic, instanceId: job.instanceId, elementId: job.elementId };
  const lost = new AbortController();
  const retriesBefore = job.retries ?? options.retries;
  const retriesAfter = Math.max(0, retriesBefore - 1);
  const attempt = Math.max(1, options.retries - retriesBefore + 1);

  const keeper = new LockKeeper({
    jobId: job.id,
    lockDurationMs: topic.lockDurationMs,
    lockedAt,
    extendAt: options.extendLockAt,
    logger,
    extend: async (durationMs) => {
      await client.jobs.extendLock.mutate({ id: job.id, workerId, newDurationMs: durationMs });
    },
    onLost: (reason) => {
      logger.warn('lost the lock of a running job; its result will be refused', { ...log, reason });
      lost.abort(new JobLockLostError(job.id, reason));
    },
  });
  const ctx = createJobContext({
    job,
    workerId,
    client,
    signal: lost.signal,
    failDefaults: () => ({ retries: retriesAfter, retryBackoffMs: backoffMs(options.retryBackoffMs, attempt, job, undefined) }),
    onLockExtended: (durationMs, sentAt) => keeper.renewed(durationMs, sentAt),
  });

  try {
    let result: unknown;
    try {
      result = await topic.handler(job, ctx);
    } catch (error) {
      if (ctx.settledAs) {
        logger.warn('handler threw after settling its job; the error is ignored', { ...log, settledAs: ctx.settledAs, error: describe(error).message });
      } else if (isBpmnError(error)) {
        await ctx.bpmnError(error.code, error.message, error.variables);
        logger.info('job raised a BPMN error', { ...log, errorCode: error.code });
      } else {
        const { message, details } = describe(error);
        const retryBackoffMs = backoffMs(options.retryBackoffMs, attempt, job, error);
        const { incidentId } = await ctx.fail(message, { retries: retriesAfter, retryBackoffMs, ...(details ? { details } : {}) });
        if (incidentId) logger.error('job failed with no retries left: incident raised', { ...log, incidentId, error: message });
        else logger.warn('job failed; it will be retried', { ...log, error: message, retriesLeft: retriesAfter, retryBackoffMs });
      }
      return;
    }
    if (ctx.settledAs) return;
    if (result !== undefined && !isVariables(result)) logger.warn('handler returned a non-object; completing the job without variables', { ...log, returned: typeof result });
    await ctx.complete(isVariables(result) ? result : undefined);
    logger.debug('job completed', log);
  } catch (error) {
    // settling failed: a CONFLICT (lock lost) or the network; the lock expires and the job is offered again
    logger.error('could not settle a job with the runtime', { ...log, error: describe(error).message });
  } finally {
    keeper.stop();
  }
}
