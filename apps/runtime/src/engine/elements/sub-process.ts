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
  declare activity: { behaviour?: { loopCharacteristics?: { behaviour?: { elementVariable?: string } } } };
  declare loopCharacteristics: unknown;

  override _upsertExecution(executeMessage: BrokerMessage) {
    const content = executeMessage.content as Record<string, unknown>;
    const locals = content.isMultiInstance ? { loopCounter: content.index, [this.elementVariable]: content[this.elementVariable] } : undefined;
    return this.share(super._upsertExecution(executeMessage), locals);
  }

  override recover(state: unknown) {
    const execution = super.recover(state);
    if (!execution) return execution;
    const saved = (state as { environment?: { variables?: Record<string, unknown> } }).environment?.variables ?? {};
    const locals = this.loopCharacteristics && 'loopCounter' in saved ? { loopCounter: saved.loopCounter, [this.elementVariable]: saved[this.elementVariable] } : undefined;
    return this.share(execution, locals);
  }

  private get elementVariable(): string {
    return this.activity.behaviour?.loopCharacteristics?.behaviour?.elementVariable ?? 'item';
  }

  /**
   * Reads and writes of the sub-process environment's variables go to the parent's, every time:
   * bpmn-elements REPLACES an environment's variables object on assignVariables, so sharing one
   * object once would come apart at the next assignment. An iteration of a multi-instance
   * sub-process additionally sees its own element variable and loopCounter (Camunda's local
   * variables), which never leak into the instance.
   */
  private share(execution: ProcessExecutionLike, locals?: Record<string, unknown>) {
    const parent = this.environment as EngineEnvironment & { [VARIABLES]?: Record<string, unknown> };
    const view = locals ? scopedVariables(() => parent.variables, locals) : undefined;
    Object.defineProperty(execution.environment, VARIABLES, {
      configurable: true,
      get: () => view ?? parent.variables,
      set: (variables: Record<string, unknown>) => {
        const shared = { ...variables };
        for (const key of Object.keys(locals ?? {})) {
          if (!(key in shared)) continue;
          locals![key] = shared[key];
          delete shared[key];
        }
        parent[VARIABLES] = shared;
      },
    });
    return execution;
  }
}

/** the parent's variables with a few local ones on top; writes to a local stay local */
function scopedVariables(parent: () => Record<string, unknown>, locals: Record<string, unknown>): Record<string, unknown> {
  const isLocal = (key: string | symbol) => typeof key === 'string' && Object.hasOwn(locals, key);
  return new Proxy({} as Record<string, unknown>, {
    get: (_target, key) => (isLocal(key) ? locals[key as string] : Reflect.get(parent(), key)),
    set: (_target, key, value) => {
      if (isLocal(key)) locals[key as string] = value;
      else Reflect.set(parent(), key, value);
      return true;
    },
    has: (_target, key) => isLocal(key) || Reflect.has(parent(), key),
    deleteProperty: (_target, key) => (isLocal(key) ? delete locals[key as string] : Reflect.deleteProperty(parent(), key)),
    ownKeys: () => [...new Set([...Reflect.ownKeys(parent()), ...Object.keys(locals)])],
    getOwnPropertyDescriptor: (_target, key) => {
      if (!isLocal(key) && !Object.hasOwn(parent(), key)) return undefined;
      return { value: isLocal(key) ? locals[key as string] : parent()[key as string], writable: true, enumerable: true, configurable: true };
    },
  });
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
