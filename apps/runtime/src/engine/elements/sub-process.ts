/**
 * Embedded sub-processes (and transactions) that share the process's variables.
 *
 * bpmn-elements runs a sub-process in a shallow clone of its parent's environment, so a variable set
 * inside it (by a script, a completed task or job, a message) vanished when the sub-process ended, and
 * a loop condition outside never saw the counter a looped sub-process incremented. BPMN and Camunda 7
 * treat an embedded sub-process as a scope of the same instance: a variable written inside is visible
 * to the instance. So each sub-process execution keeps its own environment (settings, services,
 * output) whose variables are the parent's, on start and again after recovery from a snapshot.
 */
import { SubProcess as EngineSubProcess, Transaction as EngineTransaction } from 'bpmn-elements';
import * as engineTasks from 'bpmn-elements/tasks';
import { VARIABLES, type ActivityFactory, type BrokerMessage, type EngineEnvironment } from './engine-internals.js';

interface ProcessExecutionLike {
  environment: EngineEnvironment & { [VARIABLES]?: Record<string, unknown> };
}

interface ArmedEventSubProcess {
  isRunning: boolean;
  getStartActivities(filter?: unknown): unknown[];
}

type BaseBehaviour = {
  environment: EngineEnvironment;
  _upsertExecution(executeMessage: BrokerMessage): ProcessExecutionLike;
  recover(state: unknown): ProcessExecutionLike | undefined;
};
type BaseConstructor = new (activity: unknown, context: unknown) => BaseBehaviour;

const { SubProcessBehaviour } = engineTasks as unknown as { SubProcessBehaviour: BaseConstructor };

class SharedScopeSubProcessBehaviour extends SubProcessBehaviour {
  override _upsertExecution(executeMessage: BrokerMessage) {
    return this.share(super._upsertExecution(executeMessage));
  }

  override recover(state: unknown) {
    const execution = super.recover(state);
    return execution ? this.share(execution) : execution;
  }

  /**
   * Reads and writes of the sub-process environment's variables go to the parent's, every time:
   * bpmn-elements REPLACES an environment's variables object on assignVariables, so sharing one
   * object once would come apart at the next assignment.
   */
  private share(execution: ProcessExecutionLike) {
    const parent = this.environment as EngineEnvironment & { [VARIABLES]?: Record<string, unknown> };
    Object.defineProperty(execution.environment, VARIABLES, {
      configurable: true,
      get: () => parent.variables,
      set: (variables: Record<string, unknown>) => {
        parent[VARIABLES] = variables;
      },
    });
    return execution;
  }
}

function sharingScope(factory: unknown): ActivityFactory {
  // bpmn-elements calls element types with `new`: a function expression, not an arrow
  return function SharedScopeSubProcess(activityDef, context) {
    const activity = (factory as ActivityFactory)(activityDef, context) as ReturnType<ActivityFactory> & ArmedEventSubProcess;
    activity.Behaviour = SharedScopeSubProcessBehaviour;
    // an event sub-process Baton armed (see event-sub-processes.ts) is already running and catches a
    // thrown signal at its own start event; bpmn-elements must not try to start it a second time
    const startActivities = activity.getStartActivities;
    activity.getStartActivities = (filter) => (activity.isRunning ? [] : startActivities.call(activity, filter));
    return activity;
  };
}

export const SubProcess = sharingScope(EngineSubProcess);
export const Transaction = sharingScope(EngineTransaction);
