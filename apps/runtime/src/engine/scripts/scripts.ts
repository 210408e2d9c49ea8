import { SandboxFailure, type ScriptRunner } from './quickjs-sandbox.js';
import { ScriptError } from './script-error.js';

/** What bpmn-elements hands to `register`/`getScript`: an activity, a sequence flow, or a conditional event definition. */
export interface ScriptOwner {
  id: string;
  type: string;
  behaviour?: {
    scriptFormat?: string;
    script?: string;
    resource?: string;
    /** camunda:resultVariable (kept by camunda-bpmn-moddle; the engine itself ignores it). */
    resultVariable?: string;
    conditionExpression?: { language?: string; body?: string };
  };
}

/** The ExecutionScope bpmn-elements passes to `execute`. */
export interface ScriptExecutionContext {
  id?: string;
  content?: Record<string, unknown>;
  environment: { variables: Record<string, unknown> };
}

export type ScriptCallback = (err: Error | null, output?: unknown) => void;

export interface EngineScript {
  execute(executionContext: ScriptExecutionContext, callback: ScriptCallback): void;
}

/** The `scripts` option of bpmn-engine (bpmn-elements' Scripts interface). */
export interface EngineScripts {
  register(owner: ScriptOwner): EngineScript | undefined;
  getScript(language: string | undefined, owner: ScriptOwner): EngineScript | undefined;
}

export interface ScriptsOptions {
  enabled: boolean;
}

const JAVASCRIPT = /^(javascript|js|ecmascript)$/i;
const UNSAFE_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Script tasks, JavaScript flow conditions and conditional-event scripts, run in the QuickJS
 * sandbox. Stateless: the script is read from the owner each time, so one instance can serve
 * every engine and nothing must be re-registered on recover.
 *
 * Output: `callback(null, result)`, so the result is the activity's `content.output` (and a
 * condition's truthiness), as bpmn-engine's own `next(null, result)` would give. Variables:
 * `execution.setVariable` calls are written to `environment.variables`; bpmn-elements does not
 * apply `camunda:resultVariable`, so when it is set the result is written to that variable too.
 * `runner` may be undefined when scripts are disabled (no WASM is loaded then).
 */
export function createScripts(runner: ScriptRunner | undefined, options: ScriptsOptions): EngineScripts {
  const scriptFor = (owner: ScriptOwner): EngineScript | undefined => {
    const spec = readSpec(owner);
    if (!spec) return undefined;
    const label = describeOwner(owner);
    return {
      execute(executionContext, callback) {
        const fail = (reason: string, cause?: unknown) => callback(new ScriptError(`${label} ${reason}`, owner.id, { cause }));
        if (!options.enabled || !runner) {
          return fail('cannot run: scripts are disabled (set BATON_SCRIPTS=on to enable them)');
        }
        if (!spec.language) return fail('has no script language (scriptFormat); only JavaScript is supported');
        if (!JAVASCRIPT.test(spec.language)) return fail(`uses script language "${spec.language}"; only JavaScript is supported`);
        if (spec.source === undefined) return fail('has no inline script (external script resources are not supported)');

        const variables = executionContext.environment.variables;
        let output;
        try {
          output = runner.run({ source: spec.source, variables, content: executionContext.content });
        } catch (err) {
          if (err instanceof SandboxFailure) return fail(err.message, err);
          return fail(`failed: ${(err as Error).message}`, err);
        }
        for (const [name, value] of Object.entries(output.setVariables)) {
          if (!UNSAFE_NAMES.has(name)) variables[name] = value;
        }
        if (spec.resultVariable && !UNSAFE_NAMES.has(spec.resultVariable)) variables[spec.resultVariable] = output.result;
        return callback(null, output.result);
      },
    };
  };

  return {
    register: scriptFor,
    getScript: (_language, owner) => scriptFor(owner),
  };
}

interface ScriptSpec {
  language: string | undefined;
  source: string | undefined;
  resultVariable?: string;
}

/** undefined means "not a script": a flow condition without a language is an expression. */
function readSpec(owner: ScriptOwner): ScriptSpec | undefined {
  const behaviour = owner.behaviour ?? {};
  if (owner.type === 'bpmn:SequenceFlow') {
    const condition = behaviour.conditionExpression;
    if (!condition?.language) return undefined;
    return { language: condition.language, source: condition.body };
  }
  return { language: behaviour.scriptFormat, source: behaviour.script, resultVariable: behaviour.resultVariable };
}

function describeOwner(owner: ScriptOwner): string {
  if (owner.type === 'bpmn:ScriptTask') return `script task "${owner.id}"`;
  if (owner.type === 'bpmn:SequenceFlow') return `condition script on sequence flow "${owner.id}"`;
  return `script "${owner.id}" (${owner.type})`;
}
