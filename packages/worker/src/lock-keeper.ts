/**
 * Keeps a job's lock while its handler runs: when `extendAt` (2/3 by default) of the lock has passed,
 * it asks the runtime for another full lock duration, and so on until stopped. A CONFLICT answer means
 * the lock is gone (expired, or the job was settled elsewhere) and stops the keeper; any other failure
 * (the network) is retried before the lock runs out.
 *
 * Times are measured on this machine (never compared with the runtime's clock): a fetched lock counts
 * from when the answer arrived (the runtime locks just before answering), a renewed one from when the
 * extension was sent. The remaining third of the lock absorbs the answer's travel time.
 */
import { apiErrorCode } from './errors.js';
import type { Logger } from './logger.js';

export interface LockKeeperOptions {
  jobId: string;
  lockDurationMs: number;
  /** local time (ms) when the lock was taken: when the fetch's answer arrived */
  lockedAt: number;
  extendAt: number;
  extend(durationMs: number): Promise<void>;
  onLost(reason: string): void;
  logger: Logger;
}

export class LockKeeper {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private expiresAt: number;
  private durationMs: number;

  constructor(private readonly options: LockKeeperOptions) {
    this.durationMs = options.lockDurationMs;
    this.expiresAt = options.lockedAt + options.lockDurationMs;
    this.schedule(options.lockedAt + options.lockDurationMs * options.extendAt - Date.now());
  }

  /** a lock renewed by hand (`ctx.extendLock`): the next automatic extension keeps that duration */
  renewed(durationMs: number, sentAt: number) {
    this.durationMs = durationMs;
    this.expiresAt = sentAt + durationMs;
    this.schedule(sentAt + durationMs * this.options.extendAt - Date.now());
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(inMs: number) {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, inMs));
  }

  private async tick() {
    if (this.stopped) return;
    const sentAt = Date.now();
    try {
      await this.options.extend(this.durationMs);
      if (this.stopped) return;
      this.options.logger.debug('job lock extended', { jobId: this.options.jobId, durationMs: this.durationMs });
      this.renewed(this.durationMs, sentAt);
    } catch (error) {
      if (this.stopped) return;
      const message = error instanceof Error ? error.message : String(error);
      if (apiErrorCode(error) === 'CONFLICT' || apiErrorCode(error) === 'NOT_FOUND') {
        this.stop();
        this.options.onLost(message);
        return;
      }
      const left = this.expiresAt - Date.now();
      this.options.logger.warn('could not extend a job lock; retrying', { jobId: this.options.jobId, error: message, lockLeftMs: left });
      if (left <= 0) {
        this.stop();
        this.options.onLost(`the lock expired while extending it failed: ${message}`);
        return;
      }
      this.schedule(Math.min(1_000, left / 2));
    }
  }
}
