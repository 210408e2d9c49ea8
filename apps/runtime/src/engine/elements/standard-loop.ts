/**
 * Standard loops (`bpmn:standardLoopCharacteristics`) with BPMN 2.0 semantics (§10.3.8):
 * the activity repeats WHILE `loopCondition` is true; with `testBefore="true"` the condition is checked
 * before each iteration (a while loop, possibly zero iterations), otherwise after (do-while, at least
 * one); `loopMaximum` caps the number of iterations.
 *
 * bpmn-elements reads `loopCondition` as a STOP condition, the inverse, so loops ended early or never
 * ended — and a loop that never ends runs synchronously and freezes the whole runtime. Baton reuses
 * bpmn-elements' sequential loop machinery and inverts the condition where it is evaluated. On top,
 * a loop with no loopMaximum is failed after MAX_ITERATIONS (an incident names the activity), so a
 * condition that stays true can never hang the process.
 */
import * as engineElements from 'bpmn-elements';
import type { BrokerMessage, EngineActivity, EngineEnvironment } from './engine-internals.js';

export const MAX_ITERATIONS = 1_000;

interface LoopDefinition {
  type?: string;
  behaviour?: { loopCondition?: unknown; testBefore?: boolean; loopMaximum?: unknown; [key: string]: unknown };
}

type LoopConstructor = new (activity: unknown, loopCharacteristics: unknown) => { execute(message: BrokerMessage): unknown };

/** thrown out of the condition evaluation; bpmn-elements turns it into the activity's error */
export class LoopLimitError extends Error {
  override name = 'LoopLimitError';
  constructor(
    message: string,
    readonly elementId: string,
  ) {
    super(message);
  }
}

export class StandardLoopCharacteristics {
  private readonly loop: { execute(message: BrokerMessage): unknown };
  private readonly checkFirst?: (message: BrokerMessage) => boolean;

  constructor(
    private readonly activity: EngineActivity,
    loopCharacteristics: LoopDefinition,
  ) {
    const behaviour = { ...(loopCharacteristics.behaviour ?? {}), isSequential: true };
    if (behaviour.testBefore && behaviour.loopCondition !== undefined) {
      const condition = behaviour.loopCondition;
      this.checkFirst = (message) => Boolean(activity.environment.resolveExpression(condition, message));
    }
    const condition = behaviour.loopCondition;
    const hasMaximum = behaviour.loopMaximum !== undefined && behaviour.loopMaximum !== null && behaviour.loopMaximum !== '';
    if (!hasMaximum) behaviour.loopMaximum = MAX_ITERATIONS + 1;
    let evaluations = 0;
    const env = activity.environment;
    // the loop machinery reads only `environment` from the activity it is given; everything else
    // (broker, id, symbols) comes through the prototype, so this view differs in one method only
    const loopEnvironment: EngineEnvironment = Object.create(env, {
      resolveExpression: {
        value(expression: unknown, message?: unknown) {
          const value = env.resolveExpression(expression, message);
          if (expression !== condition || condition === undefined) return value;
          evaluations += 1;
          const again = Boolean(value);
          if (again && !hasMaximum && evaluations > MAX_ITERATIONS) {
            throw new LoopLimitError(`Standard loop of "${activity.id}" is still true after ${MAX_ITERATIONS} iterations; set loopMaximum or fix the loopCondition`, activity.id);
          }
          // bpmn-elements asks "stop now?": BPMN's loopCondition means "go on"
          return !again;
        },
      },
    });
    const view = Object.create(activity, { environment: { value: loopEnvironment } });
    this.loop = new ((engineElements as unknown as { MultiInstanceLoopCharacteristics: LoopConstructor }).MultiInstanceLoopCharacteristics)(view, { ...loopCharacteristics, behaviour });
  }

  execute(executeMessage: BrokerMessage) {
    // a while loop whose condition is false from the start runs zero times; bpmn-elements would
    // neither start an iteration nor complete, leaving the activity hanging
    if (this.checkFirst && !executeMessage.fields.redelivered && !this.checkFirst(executeMessage)) {
      this.activity.broker.publish('execution', 'execute.completed', { ...executeMessage.content, output: [] });
      return;
    }
    return this.loop.execute(executeMessage);
  }
}
