/**
 * What the services need from whatever runs the engines: the EngineHost in this thread, or the
 * EnginePool that runs EngineHosts in worker threads (engine/worker/). Both keep the same contract:
 * one command at a time per instance (the caller holds the instance lock), `confirm` after a commit,
 * `evict` when the commit failed.
 */
import type { EngineCommand, InstanceContext, StepOutcome } from './engine-host.js';

export interface EngineRunner {
  run(ctx: InstanceContext, command: EngineCommand): Promise<StepOutcome>;
  confirm(instanceId: string, rev: number): void;
  evict(instanceId: string): void;
  evictAll(): void;
  /** engines kept in memory (for /metrics) */
  readonly hotCount: number;
  readonly engineVersion: string;
  /** stops worker threads, if any */
  close?(): Promise<void>;
}
