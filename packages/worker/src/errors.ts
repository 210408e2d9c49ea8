/**
 * Errors of the worker SDK. A handler throws `BpmnError` on purpose; the others are thrown by the SDK
 * and name what went wrong and what to do.
 */
import { TRPCClientError } from '@trpc/client';

/**
 * Thrown by a handler to raise a BPMN error on the job's service task: an error boundary event or
 * error event sub-process with the same `errorCode` catches it; nothing is retried.
 */
export class BpmnError extends Error {
  override name = 'BpmnError';
  constructor(
    readonly code: string,
    message?: string,
    readonly variables?: Record<string, unknown>,
  ) {
    super(message ?? code);
  }
}

/** The worker no longer holds the job's lock (it expired, or the job was settled elsewhere): the runtime answered CONFLICT. */
export class JobLockLostError extends Error {
  override name = 'JobLockLostError';
  constructor(
    readonly jobId: string,
    readonly reason: string,
  ) {
    super(`job "${jobId}" is no longer locked by this worker: ${reason}`);
  }
}

/** `complete`, `fail` or `bpmnError` was called on a job that this handler already settled. */
export class JobAlreadySettledError extends Error {
  override name = 'JobAlreadySettledError';
  constructor(
    readonly jobId: string,
    readonly settledAs: string,
  ) {
    super(`job "${jobId}" was already settled (${settledAs}); a job is completed, failed or BPMN-errored once`);
  }
}

/** The options given to `createWorker` cannot work (no topics, a concurrency below 1, ...). */
export class InvalidWorkerOptionsError extends Error {
  override name = 'InvalidWorkerOptionsError';
}

/** the API error code of a tRPC client error (`CONFLICT`, `NOT_FOUND`, ...), if it is one */
export function apiErrorCode(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data = error.data as { code?: unknown } | undefined;
  return typeof data?.code === 'string' ? data.code : undefined;
}
