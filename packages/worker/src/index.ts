/**
 * @baton/worker: a typed client for the Baton runtime and a job worker for external service tasks
 * (`camunda:type="external" camunda:topic="..."`). See README "Job workers".
 */
export { createClient, login, passwordToken, type BatonClient, type ClientOptions, type TokenSource } from './client.js';
export { createWorker, type Worker, type WorkerState } from './worker.js';
export type { JobHandler, TopicOptions, Variables, WorkerOptions } from './worker-options.js';
export type { FailOptions, JobContext } from './job-context.js';
export { exponentialBackoff, type Backoff } from './backoff.js';
export { BpmnError, InvalidWorkerOptionsError, JobAlreadySettledError, JobLockLostError } from './errors.js';
export { jsonLogger, type Logger, type LogLevel } from './logger.js';
export type { Job } from '@baton/shared';
