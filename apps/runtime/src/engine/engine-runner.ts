/**
 * What the services need from whatever runs the engines: an EngineHost in this thread
 * (`inThreadRunner`), or the EnginePool that runs EngineHosts in worker threads (engine/worker/).
 * Both keep the same contract: one command at a time per instance (the caller holds the instance
 * lock), `confirm` after a commit, `evict` when the commit failed.
 *
 * The definition travels by id: only the runner that runs the engine here parses it (the pool's
 * workers parse their own copy), so the main thread never parses a version just to name it.
 */
import type { EngineCommand, EngineHost, LoadedDefinition, StepOutcome } from './engine-host.js';

export interface RunContext {
  instanceId: string;
  definitionId: string;
  /** the stored snapshot; null for a new instance */
  snapshot: string | null;
  /** the store's rev the snapshot belongs to */
  rev: number;
}

export interface EngineRunner {
  run(ctx: RunContext, command: EngineCommand): Promise<StepOutcome>;
  confirm(instanceId: string, rev: number): void;
  evict(instanceId: string): void;
  evictAll(): void;
  /** engines kept in memory (for /metrics) */
  readonly hotCount: number;
  readonly engineVersion: string;
  /** stops worker threads, if any */
  close?(): Promise<void>;
}

/** the EngineHost in this thread, loading each version's parsed definition through `load` */
export function inThreadRunner(host: EngineHost, load: (definitionId: string) => Promise<LoadedDefinition>): EngineRunner {
  return {
    run: async ({ definitionId, ...ctx }, command) => host.run({ ...ctx, definition: await load(definitionId) }, command),
    confirm: (instanceId, rev) => host.confirm(instanceId, rev),
    evict: (instanceId) => host.evict(instanceId),
    evictAll: () => host.evictAll(),
    get hotCount() {
      return host.hotCount;
    },
    engineVersion: host.engineVersion,
  };
}
