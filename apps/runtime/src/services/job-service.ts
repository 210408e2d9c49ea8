/**
 * External jobs, the Camunda external-task / Zeebe job-worker model. fetchAndLock hands out unlocked
 * jobs under a lock (a locked job goes to no second worker until its lock expires) and long-polls when
 * asked; complete / bpmnError advance the instance through the StepRunner; fail counts retries down
 * and raises an Incident at zero. Completing a job you no longer hold, or twice, is CONFLICT.
 */
import { randomUUID } from 'node:crypto';
import type { FetchAndLockInput, Incident, Job } from '@baton/shared';
import { ConflictError, NotFoundError } from '../errors.js';
import type { EventHub } from '../events/event-hub.js';
import type { IncidentRow, JobRow, Store } from '../store/store.js';
import type { StepRunner } from './step-runner.js';

export function toJob(row: JobRow, variables: Record<string, unknown>): Job {
  return { id: row.id, topic: row.topic, instanceId: row.instanceId, elementId: row.elementId, variables, retries: row.retries, lockExpiresAt: row.lockExpiresAt, workerId: row.workerId, errorMessage: row.errorMessage };
}

export function toIncident(row: IncidentRow): Incident {
  return { id: row.id, instanceId: row.instanceId, definitionId: row.definitionId, elementId: row.elementId, jobId: row.jobId, message: row.message, details: row.details, createdAt: row.createdAt, resolvedAt: row.resolvedAt };
}

const workerActor = (workerId: string) => `worker:${workerId}`;

export class JobService {
  constructor(
    private readonly store: Store,
    private readonly steps: StepRunner,
    private readonly hub: EventHub,
  ) {}

  async fetchAndLock(input: FetchAndLockInput, signal?: AbortSignal): Promise<Job[]> {
    const deadline = Date.now() + (input.asyncResponseTimeoutMs ?? 0);
    const topics = new Set(input.topics.map((t) => t.topic));
    for (;;) {
      // a worker that disconnected must not get jobs locked to it until the lock expires
      if (signal?.aborted) return [];
      const locked = await this.store.lockJobs({ workerId: input.workerId, topics: input.topics, maxJobs: input.maxJobs, now: new Date().toISOString() });
      if (locked.length || Date.now() >= deadline || signal?.aborted) return this.withVariables(locked, input);
      // long poll: sleep until a job for one of our topics is committed, or the deadline (re-check at least every 2 s)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(2_000, Math.max(0, deadline - Date.now())));
        const off = this.hub.onJobAvailable((topic) => {
          if (topics.has(topic)) done();
        });
        signal?.addEventListener('abort', done, { once: true });
        function done() {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    }
  }

  private async withVariables(rows: JobRow[], input: FetchAndLockInput): Promise<Job[]> {
    const wanted = new Map(input.topics.map((t) => [t.topic, t.variables]));
    const jobs: Job[] = [];
    for (const row of rows) {
      const instance = await this.store.getInstance(row.instanceId);
      const all = instance?.variables ?? row.variables;
      const names = wanted.get(row.topic);
      jobs.push(toJob(row, names ? Object.fromEntries(names.filter((n) => n in all).map((n) => [n, all[n]])) : all));
    }
    return jobs;
  }

  /** the job, if workerId still holds its lock; CONFLICT otherwise */
  private async heldJob(id: string, workerId: string): Promise<JobRow> {
    const job = await this.store.getJob(id);
    if (!job) throw new ConflictError(`job "${id}" is not active: it was completed, cancelled or never existed`);
    if (job.workerId !== workerId) throw new ConflictError(`job "${id}" is not locked by worker "${workerId}"${job.workerId ? ` (held by "${job.workerId}")` : ''}; fetch and lock it first`);
    if (!job.lockExpiresAt || job.lockExpiresAt < new Date().toISOString()) throw new ConflictError(`the lock of worker "${workerId}" on job "${id}" expired at ${job.lockExpiresAt}; fetch and lock it again`);
    return job;
  }

  async complete(id: string, workerId: string, variables: Record<string, unknown> = {}): Promise<{ id: string }> {
    const job = await this.heldJob(id, workerId);
    await this.steps.step(job.instanceId, { type: 'completeJob', executionId: job.executionId, variables }, {
      actor: workerActor(workerId),
      precheck: () => this.heldJob(id, workerId).then(() => undefined),
      leadingEvents: [{ type: 'job.completed', instanceId: job.instanceId, at: new Date().toISOString(), elementId: job.elementId, jobId: id }],
    });
    return { id };
  }

  async bpmnError(id: string, workerId: string, errorCode: string, errorMessage?: string, variables?: Record<string, unknown>): Promise<{ id: string }> {
    const job = await this.heldJob(id, workerId);
    await this.steps.step(job.instanceId, { type: 'jobBpmnError', executionId: job.executionId, errorCode, ...(errorMessage ? { errorMessage } : {}), ...(variables ? { variables } : {}) }, {
      actor: workerActor(workerId),
      precheck: () => this.heldJob(id, workerId).then(() => undefined),
    });
    return { id };
  }

  async fail(input: { id: string; workerId: string; errorMessage: string; errorDetails?: string; retries: number; retryBackoffMs?: number }): Promise<{ id: string; incidentId?: string }> {
    const job = await this.heldJob(input.id, input.workerId);
    const now = new Date();
    const at = now.toISOString();
    const incidentId = input.retries <= 0 ? randomUUID() : undefined;
    await this.steps.step(job.instanceId, null, {
      actor: workerActor(input.workerId),
      precheck: () => this.heldJob(input.id, input.workerId).then(() => undefined),
      leadingEvents: [
        { type: 'job.failed', instanceId: job.instanceId, at, elementId: job.elementId, jobId: job.id, message: input.errorMessage, retries: input.retries },
        ...(incidentId ? [{ type: 'incident.raised' as const, instanceId: job.instanceId, at, elementId: job.elementId, incidentId, message: input.errorMessage }] : []),
      ],
      jobUpdates: [{ id: job.id, changes: { retries: Math.max(0, input.retries), workerId: null, lockExpiresAt: null, availableAt: new Date(now.getTime() + (input.retryBackoffMs ?? 0)).toISOString(), errorMessage: input.errorMessage, errorDetails: input.errorDetails ?? null } }],
      ...(incidentId
        ? { incidentsRaised: [{ id: incidentId, instanceId: job.instanceId, definitionId: job.definitionId, elementId: job.elementId, jobId: job.id, message: input.errorMessage, details: input.errorDetails ?? null, createdAt: at, resolvedAt: null }] }
        : {}),
    });
    if (!incidentId) setTimeout(() => this.hub.jobAvailable(job.topic), input.retryBackoffMs ?? 0).unref();
    return { id: job.id, ...(incidentId ? { incidentId } : {}) };
  }

  async extendLock(id: string, workerId: string, newDurationMs: number): Promise<Job> {
    await this.heldJob(id, workerId);
    const row = await this.store.updateJob(id, { lockExpiresAt: new Date(Date.now() + newDurationMs).toISOString() }, { workerId });
    return toJob(row, row.variables);
  }

  async listIncidents(filter: { instanceId?: string; definitionId?: string; elementId?: string; open?: boolean }): Promise<Incident[]> {
    return (await this.store.listIncidents(filter)).map(toIncident);
  }

  /** makes the incident's job available again with the given retries and resolves the incident */
  async retryIncident(id: string, retries: number, actor: string): Promise<Incident> {
    const incident = await this.store.getIncident(id);
    if (!incident) throw new NotFoundError('incident', id);
    if (incident.resolvedAt) throw new ConflictError(`incident "${id}" was already resolved at ${incident.resolvedAt}`);
    const at = new Date().toISOString();
    const job = incident.jobId ? await this.store.getJob(incident.jobId) : undefined;
    await this.steps.step(incident.instanceId, null, {
      actor,
      precheck: async () => {
        const fresh = await this.store.getIncident(id);
        if (fresh?.resolvedAt) throw new ConflictError(`incident "${id}" was already resolved`);
      },
      leadingEvents: [{ type: 'incident.resolved', instanceId: incident.instanceId, at, elementId: incident.elementId, incidentId: id }],
      ...(job ? { jobUpdates: [{ id: job.id, changes: { retries, availableAt: at, workerId: null, lockExpiresAt: null } }] } : {}),
      incidentsResolved: [{ id, resolvedAt: at }],
    });
    if (job) this.hub.jobAvailable(job.topic);
    return toIncident((await this.store.getIncident(id))!);
  }
}
