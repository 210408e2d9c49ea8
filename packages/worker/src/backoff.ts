/**
 * Retry backoff for failed jobs: a fixed delay, or a function of the attempt number (1 = the first
 * failure). The default doubles from 1 s up to 5 minutes.
 */
import type { Job } from '@baton/shared';

export type Backoff = number | ((attempt: number, job: Job, error: unknown) => number);

export function exponentialBackoff(options: { initialMs?: number; factor?: number; maxMs?: number } = {}): (attempt: number) => number {
  const { initialMs = 1_000, factor = 2, maxMs = 300_000 } = options;
  return (attempt) => Math.min(maxMs, Math.round(initialMs * factor ** Math.max(0, attempt - 1)));
}

export function backoffMs(backoff: Backoff, attempt: number, job: Job, error: unknown): number {
  const ms = typeof backoff === 'function' ? backoff(attempt, job, error) : backoff;
  return Number.isFinite(ms) ? Math.min(86_400_000, Math.max(0, Math.round(ms))) : 0;
}
