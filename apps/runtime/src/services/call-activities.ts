/**
 * Call activities across deployments. The engine reports the call activities a step reached
 * (`outcome.calls`) and the ones that went away unanswered (`outcome.endedCalls`); after that step is
 * committed, this starts each called instance (latest version of the key, or the pinned version),
 * linked to its caller (parentInstanceId + parentExecutionId), and when a called instance ends it
 * completes the caller's call activity with the instance's variables (mapped by camunda:out in the
 * engine) or throws its uncaught BPMN error on the call activity. Caller and called instance are
 * different instances: each advances under its own lock with its own commit.
 *
 * A chain of calls deeper than MAX_CALL_DEPTH (a cycle of call activities, usually) is not started:
 * the caller gets an Incident naming the call activity, so recursion can never run away.
 */
import { randomUUID } from 'node:crypto';
import type { CallRequest, StepOutcome } from '../engine/engine-host.js';
import { ConflictError, NotFoundError } from '../errors.js';
import type { InstanceRow, Store } from '../store/store.js';
import type { DefinitionService } from './definition-service.js';
import type { StepRunner } from './step-runner.js';

export const MAX_CALL_DEPTH = 16;

export class CallActivities {
  constructor(
    private readonly store: Store,
    private readonly definitions: DefinitionService,
    private readonly steps: StepRunner,
  ) {}

  async afterCommit(row: InstanceRow, outcome: StepOutcome) {
    for (const call of outcome.calls ?? []) await this.start(row, call);
    for (const executionId of outcome.endedCalls ?? []) await this.cancelCalled(row.id, executionId);
    if (row.status !== 'running' && row.parentInstanceId && row.parentExecutionId) await this.returnToCaller(row, outcome);
  }

  private async start(caller: InstanceRow, call: CallRequest) {
    const depth = await this.depthOf(caller);
    if (depth >= MAX_CALL_DEPTH) {
      return this.incident(caller, call.elementId, `Call activity "${call.elementId}" would start "${call.key}" at call depth ${depth + 1}, over the limit of ${MAX_CALL_DEPTH}: is there a cycle of call activities?`);
    }
    let definitionId: string;
    try {
      definitionId = (await this.definitions.getByKeyOrThrow(call.key, call.version)).id;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return this.incident(caller, call.elementId, `Call activity "${call.elementId}" calls process "${call.key}"${call.version ? ` version ${call.version}` : ''}, which is not deployed. Deploy it, then retry.`);
    }
    await this.steps.start({ definitionId, businessKey: caller.businessKey, variables: call.variables, parentInstanceId: caller.id, parentExecutionId: call.executionId });
  }

  private async returnToCaller(called: InstanceRow, outcome: StepOutcome) {
    const callerId = called.parentInstanceId!;
    const executionId = called.parentExecutionId!;
    try {
      if (called.status === 'completed') {
        await this.steps.step(callerId, { type: 'completeCall', executionId, childVariables: called.variables });
      } else if (called.status === 'failed' && outcome.failure?.errorCode) {
        await this.steps.step(callerId, { type: 'callError', executionId, errorCode: outcome.failure.errorCode, errorMessage: outcome.failure.message });
      }
      // a technical failure leaves the caller waiting: the called instance carries the incident
    } catch (error) {
      // the caller moved on (cancelled, or its call activity was interrupted) in the meantime
      if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) throw error;
    }
  }

  private async cancelCalled(callerId: string, executionId: string) {
    const children = await this.store.listInstances({ parentInstanceId: callerId, status: 'running', limit: 500 });
    for (const child of children.items.filter((c) => c.parentExecutionId === executionId)) {
      await this.steps.step(child.id, { type: 'cancel' }, { actor: 'system' }).catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error;
      });
    }
  }

  private async depthOf(row: InstanceRow): Promise<number> {
    let depth = 0;
    let parentId = row.parentInstanceId;
    while (parentId && depth <= MAX_CALL_DEPTH) {
      depth += 1;
      parentId = (await this.store.getInstance(parentId))?.parentInstanceId ?? null;
    }
    return depth;
  }

  private async incident(caller: InstanceRow, elementId: string, message: string) {
    const at = new Date().toISOString();
    const id = randomUUID();
    await this.steps.step(caller.id, null, {
      leadingEvents: [{ type: 'incident.raised', instanceId: caller.id, at, elementId, incidentId: id, message }],
      incidentsRaised: [{ id, instanceId: caller.id, definitionId: caller.definitionId, elementId, jobId: null, message, details: null, createdAt: at, resolvedAt: null }],
    });
  }
}
