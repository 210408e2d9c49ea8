/**
 * StepRunner: the one path by which an instance advances. Under the in-process instance lock it loads
 * the instance, lets the EngineHost run the command to the next wait state, and commits the outcome in
 * ONE store transaction (snapshot + events + wait rows) guarded by the instance's rev. Only after the
 * commit are events published, so nobody sees history that could still roll back. A failed commit
 * evicts the hot engine, so the next command recovers from the last committed snapshot.
 */
import { randomUUID } from 'node:crypto';
import { advanceTokens, type NewRuntimeEvent } from '@baton/shared';
import { ConflictError, NotFoundError } from '../errors.js';
import { CommandRejectedError } from '../engine/engine-errors.js';
import type { EngineCommand, StepOutcome } from '../engine/engine-host.js';
import type { EngineRunner } from '../engine/engine-runner.js';
import type { WaitDescriptor } from '../engine/wait-collector.js';
import type { EventHub } from '../events/event-hub.js';
import type { InstanceRow, StepCommit, StepResult, Store, Waits } from '../store/store.js';
import type { DefinitionService } from './definition-service.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { Metrics } from './metrics.js';
import type { Logger } from '../logger.js';

export interface StepOptions {
  actor?: string;
  /** runs inside the lock with the fresh row; throw to refuse the command (nothing is written) */
  precheck?: (row: InstanceRow) => Promise<void> | void;
  /** events that precede the engine's own (e.g. task.completed before the activity completes) */
  leadingEvents?: NewRuntimeEvent[];
  taskUpdates?: StepCommit['taskUpdates'];
  jobUpdates?: StepCommit['jobUpdates'];
  incidentsRaised?: StepCommit['incidentsRaised'];
  incidentsResolved?: StepCommit['incidentsResolved'];
}

export interface NewInstance {
  definitionId: string;
  businessKey: string | null;
  variables: Record<string, unknown>;
  startElementId?: string;
  parentInstanceId?: string | null;
  parentExecutionId?: string | null;
  actor?: string;
}

export class StepRunner {
  readonly locks = new KeyedMutex();

  constructor(
    private readonly store: Store,
    private readonly host: EngineRunner,
    private readonly definitions: DefinitionService,
    private readonly hub: EventHub,
    private readonly metrics: Metrics,
    private readonly logger?: Logger,
  ) {}

  async start(input: NewInstance): Promise<{ id: string; row: InstanceRow; result: StepResult }> {
    const id = randomUUID();
    const row = await this.definitions.getOrThrow(input.definitionId);
    const done = await this.locks.run(id, async () => {
      const now = new Date().toISOString();
      let outcome: StepOutcome;
      try {
        outcome = await this.host.run({ instanceId: id, definitionId: row.id, snapshot: null, rev: 0 }, { type: 'start', variables: input.variables, ...(input.startElementId ? { startElementId: input.startElementId } : {}) });
      } catch (error) {
        this.host.evict(id);
        throw error;
      }
      const started: NewRuntimeEvent = {
        type: 'instance.started',
        instanceId: id,
        at: now,
        definitionId: row.id,
        key: row.key,
        version: row.version,
        businessKey: input.businessKey,
        ...(input.parentInstanceId ? { parentInstanceId: input.parentInstanceId } : {}),
        ...(Object.keys(input.variables).length ? { variables: input.variables } : {}),
      };
      const failure = failureIncident(outcome, id, row.id);
      const changed = variableChanges(input.variables, outcome.variables, []);
      const events = withActor([started, ...outcome.events, ...(changed ? [{ type: 'variables.updated' as const, instanceId: id, at: now, ...changed }] : []), ...failure.events], input.actor);
      const instance: StepCommit['instance'] = {
        definitionId: row.id,
        key: row.key,
        version: row.version,
        status: outcome.status,
        businessKey: input.businessKey,
        variables: outcome.variables,
        snapshot: outcome.snapshot,
        engineVersion: this.host.engineVersion,
        tokens: advanceTokens([], events),
        startedAt: now,
        endedAt: outcome.status === 'running' ? null : now,
        parentInstanceId: input.parentInstanceId ?? null,
        parentExecutionId: input.parentExecutionId ?? null,
      };
      const result = await this.commit({ instanceId: id, expectedRev: null, instance, events, waits: toWaits(outcome.waits, id, row.id, input.businessKey, outcome.variables), ...(failure.incidents.length ? { incidentsRaised: failure.incidents } : {}) });
      this.metrics.instancesStarted.inc({ key: row.key });
      if (outcome.status === 'completed') this.metrics.instancesCompleted.inc({ key: row.key });
      // the row as committed, without reading it back
      const stored: InstanceRow = { ...(instance as Omit<InstanceRow, 'id' | 'rev' | 'lastSeq'>), id, rev: result.rev, lastSeq: lastSeqOf(result, 0) };
      return { id, row: stored, result, outcome };
    });
    await this.followUp(done.row, done.outcome);
    return done;
  }

  /** advances an existing instance by one command */
  async step(instanceId: string, command: EngineCommand | null, options: StepOptions = {}): Promise<{ row: InstanceRow; result: StepResult; outcome?: StepOutcome }> {
    const done = await this.locks.run(instanceId, async () => {
      const row = await this.store.getInstance(instanceId);
      if (!row) throw new NotFoundError('instance', instanceId);
      await options.precheck?.(row);
      if (row.status !== 'running' && command) throw new ConflictError(`instance ${instanceId} is ${row.status}; it accepts no more commands`);
      const leading = options.leadingEvents ?? [];
      let outcome: StepOutcome | undefined;
      if (command) {
        try {
          outcome = await this.host.run({ instanceId, definitionId: row.definitionId, snapshot: row.snapshot, rev: row.rev }, command);
        } catch (error) {
          this.host.evict(instanceId);
          if (error instanceof CommandRejectedError) throw new ConflictError(error.message);
          throw error;
        }
      }
      const now = new Date().toISOString();
      const failure = outcome ? failureIncident(outcome, instanceId, row.definitionId) : { events: [], incidents: [] };
      const changed = outcome ? variableChanges(row.variables, outcome.variables, leading) : undefined;
      const events = withActor([...leading, ...(outcome?.events ?? []), ...(changed ? [{ type: 'variables.updated' as const, instanceId, at: now, ...changed }] : []), ...failure.events], options.actor);
      if (command?.type === 'cancel') events.push({ type: 'instance.cancelled', instanceId, at: now, ...(options.actor ? { actor: options.actor } : {}) });
      const status = command?.type === 'cancel' ? 'cancelled' : (outcome?.status ?? row.status);
      const instance: StepCommit['instance'] = outcome
        ? {
            status,
            variables: outcome.variables,
            snapshot: status === 'running' ? outcome.snapshot : null,
            tokens: status === 'running' ? advanceTokens(row.tokens, events) : [],
            endedAt: status === 'running' ? null : now,
          }
        : { status: row.status };
      const commit: StepCommit = {
        instanceId,
        expectedRev: row.rev,
        instance,
        events,
        ...(outcome ? { waits: status === 'running' ? toWaits(outcome.waits, instanceId, row.definitionId, row.businessKey, outcome.variables) : emptyWaits() } : {}),
        ...(options.taskUpdates ? { taskUpdates: options.taskUpdates } : {}),
        ...(options.jobUpdates ? { jobUpdates: options.jobUpdates } : {}),
        ...(options.incidentsRaised || failure.incidents.length ? { incidentsRaised: [...(options.incidentsRaised ?? []), ...failure.incidents] } : {}),
        ...(options.incidentsResolved ? { incidentsResolved: options.incidentsResolved } : {}),
        ...(outcome ? { variablesBefore: row.variables } : {}),
      };
      const result = await this.commit(commit);
      if (status === 'completed' && row.status === 'running') this.metrics.instancesCompleted.inc({ key: row.key });
      // the row as committed, without reading it back
      const stored: InstanceRow = { ...row, ...instance, rev: result.rev, lastSeq: lastSeqOf(result, row.lastSeq) };
      return { row: stored, result, ...(outcome ? { outcome } : {}) };
    });
    if (done.outcome) await this.followUp(done.row, done.outcome);
    return done;
  }

  /**
   * Work another instance must do because of a committed step (call activities: start the called
   * instance, hand a finished one back to its caller). Runs after this instance's lock is released,
   * as separate commits; a failure there is logged and never undoes the step that was committed.
   */
  afterCommit?: (row: InstanceRow, outcome: StepOutcome) => Promise<void>;

  private async followUp(row: InstanceRow, outcome: StepOutcome) {
    if (!this.afterCommit) return;
    try {
      await this.afterCommit(row, outcome);
    } catch (error) {
      this.logger?.error({ instanceId: row.id, err: (error as Error).message }, 'follow-up of a committed step failed');
    }
  }

  private async commit(step: StepCommit): Promise<StepResult> {
    const end = this.metrics.commitSeconds.startTimer();
    let result: StepResult;
    try {
      result = await this.store.commitStep(step);
    } catch (error) {
      this.host.evict(step.instanceId);
      this.logger?.warn({ instanceId: step.instanceId, definitionId: step.instance.definitionId, err: (error as Error).message }, 'step not committed; the instance stays at its last committed state');
      throw error;
    } finally {
      end();
    }
    this.metrics.commits.inc();
    this.logger?.debug({ instanceId: step.instanceId, rev: result.rev, status: step.instance.status, events: result.events.length }, 'step committed');
    this.host.confirm(step.instanceId, result.rev);
    this.hub.publish(result.events);
    for (const job of step.waits?.jobs ?? []) this.hub.jobAvailable(job.topic);
    return result;
  }
}

/**
 * An instance that failed (an uncaught BPMN error, a script or expression error, an engine error)
 * gets an Incident naming the element, so operators find it with the other incidents.
 */
function failureIncident(outcome: StepOutcome, instanceId: string, definitionId: string): { events: NewRuntimeEvent[]; incidents: NonNullable<StepCommit['incidentsRaised']> } {
  if (outcome.status !== 'failed') return { events: [], incidents: [] };
  const at = new Date().toISOString();
  const id = randomUUID();
  const elementId = outcome.failure?.elementId ?? '';
  const message = outcome.failure?.message ?? 'the instance failed';
  return {
    events: [{ type: 'incident.raised', instanceId, at, elementId, incidentId: id, message }],
    incidents: [{ id, instanceId, definitionId, elementId, jobId: null, message, details: outcome.failure?.errorCode ? `errorCode ${outcome.failure.errorCode}` : null, createdAt: at, resolvedAt: null }],
  };
}

/**
 * Variables the engine changed during a step (scripts, job results, message payloads, output mappings)
 * that no earlier event of the step already recorded, so history replays variables as they were.
 */
function variableChanges(before: Record<string, unknown>, after: Record<string, unknown>, recorded: NewRuntimeEvent[]): { names: string[]; values: Record<string, unknown> } | undefined {
  const known = new Map<string, unknown>();
  for (const event of recorded) if (event.type === 'variables.updated' && event.values) for (const [k, v] of Object.entries(event.values)) known.set(k, v);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(after)) {
    const previous = known.has(name) ? known.get(name) : before[name];
    if (!same(previous, value)) values[name] = value;
  }
  for (const name of Object.keys(before)) if (!(name in after) && !known.has(name)) values[name] = null;
  const names = Object.keys(values);
  return names.length ? { names, values } : undefined;
}

function lastSeqOf(result: StepResult, previous: number): number {
  return result.events.reduce((max, e) => Math.max(max, e.event.seq), previous);
}

function withActor(events: NewRuntimeEvent[], actor?: string): NewRuntimeEvent[] {
  return actor ? events.map((e) => ({ ...e, actor })) : events;
}

function emptyWaits(): Waits {
  return { tasks: [], timers: [], subscriptions: [], jobs: [] };
}

/** maps the engine's wait descriptors onto the store's rows */
export function toWaits(waits: WaitDescriptor[], instanceId: string, definitionId: string, businessKey: string | null, variables: Record<string, unknown>): Waits {
  const now = new Date().toISOString();
  const result = emptyWaits();
  for (const wait of waits) {
    if (wait.kind === 'task' && wait.task) {
      result.tasks.push({
        id: wait.id,
        instanceId,
        definitionId,
        elementId: wait.elementId,
        executionId: wait.executionId,
        ...wait.task,
        status: 'open',
        createdAt: now,
        completedAt: null,
        completedBy: null,
      });
    } else if (wait.kind === 'timer' && wait.timer) {
      result.timers.push({ id: wait.id, instanceId, elementId: wait.elementId, executionId: wait.executionId, dueAt: wait.timer.dueAt, expression: wait.timer.expression });
    } else if ((wait.kind === 'message' || wait.kind === 'signal') && wait.name) {
      result.subscriptions.push({ id: wait.id, instanceId, elementId: wait.elementId, executionId: wait.executionId, kind: wait.kind, name: wait.name, businessKey });
    } else if (wait.kind === 'job' && wait.name) {
      result.jobs.push({
        id: wait.id,
        instanceId,
        definitionId,
        elementId: wait.elementId,
        executionId: wait.executionId,
        topic: wait.name,
        variables,
        retries: null,
        workerId: null,
        lockExpiresAt: null,
        availableAt: now,
        errorMessage: null,
        errorDetails: null,
        createdAt: now,
      });
    }
  }
  return result;
}
