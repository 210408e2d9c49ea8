/**
 * Multi-instance activities (`multiInstanceLoopCharacteristics`) with the variables Camunda 7 models
 * use in `completionCondition`: nrOfInstances, nrOfCompletedInstances, nrOfActiveInstances and
 * loopCounter. bpmn-elements runs the iterations (over camunda:collection with camunda:elementVariable,
 * or loopCardinality) but evaluates the completion condition with none of these names, so a
 * condition such as `${nrOfCompletedInstances >= 2}` could never be true.
 */
import * as engineElements from 'bpmn-elements';
import type { BrokerMessage, EngineActivity, EngineEnvironment } from './engine-internals.js';

interface LoopDefinition {
  type?: string;
  behaviour?: { completionCondition?: unknown; isSequential?: boolean; [key: string]: unknown };
}

type LoopConstructor = new (activity: unknown, loopCharacteristics: unknown) => { execute(message: BrokerMessage): unknown };

interface ConditionContext {
  content?: { index?: number; loopCardinality?: number; loopOutput?: unknown[] };
  [key: string]: unknown;
}

export class MultiInstanceLoopCharacteristics {
  private readonly loop: { execute(message: BrokerMessage): unknown };

  constructor(activity: EngineActivity, loopCharacteristics: LoopDefinition) {
    const condition = loopCharacteristics.behaviour?.completionCondition;
    const sequential = Boolean(loopCharacteristics.behaviour?.isSequential);
    const env = activity.environment;
    let completed = 0;
    // the loop machinery reads only `environment` from the activity it is given (see standard-loop.ts)
    const loopEnvironment: EngineEnvironment = Object.create(env, {
      resolveExpression: {
        value(expression: unknown, context?: ConditionContext) {
          if (condition === undefined || expression !== condition || !context) return env.resolveExpression(expression, context);
          // asked once per finished iteration, before the next one starts. After a restart the count
          // starts again, so it is also read back from the iterations' recorded outputs (restored
          // with the loop's state; a task iteration's output is its completion message)
          const recorded = (context.content?.loopOutput ?? []).filter((output) => output !== undefined).length;
          completed = Math.max(completed + 1, recorded);
          const total = Number(context.content?.loopCardinality ?? 0);
          const names = {
            nrOfInstances: total,
            nrOfCompletedInstances: completed,
            nrOfActiveInstances: sequential ? 0 : Math.max(0, total - completed),
            loopCounter: context.content?.index ?? completed - 1,
          };
          return env.resolveExpression(expression, { ...context, ...names });
        },
      },
    });
    const view = Object.create(activity, { environment: { value: loopEnvironment } });
    const Base = (engineElements as unknown as { MultiInstanceLoopCharacteristics: LoopConstructor }).MultiInstanceLoopCharacteristics;
    this.loop = new Base(view, loopCharacteristics);
  }

  execute(executeMessage: BrokerMessage) {
    return this.loop.execute(executeMessage);
  }
}
