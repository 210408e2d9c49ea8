/**
 * JavaScript evaluated INSIDE QuickJS before and around the user script. It reads the JSON input
 * from a global, exposes `variables` (deep-frozen copy), `execution.getVariable/setVariable`,
 * `content`, `environment.variables` and bpmn-engine's `next(err, value)`, runs the script and
 * returns one JSON string. Everything here lives in the sandbox, so the host exposes no functions
 * at all; user code tampering with it can only spoil its own output, which the host parses as data.
 *
 * The script's value is its completion value (last expression statement, via indirect eval), or,
 * when it uses a top-level `return`, the return value of the script wrapped in a function.
 */
export const INPUT_GLOBAL = '__batonInput';

export const SANDBOX_PRELUDE = `(function () {
  'use strict';
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const own = Object.prototype.hasOwnProperty;
  const input = parse(globalThis.${INPUT_GLOBAL});
  delete globalThis.${INPUT_GLOBAL};
  const deepFreeze = (value) => {
    if (value && typeof value === 'object') {
      Object.freeze(value);
      for (const key of Object.keys(value)) deepFreeze(value[key]);
    }
    return value;
  };
  const copy = (value) => (value === undefined ? undefined : parse(stringify(value)));
  const variables = deepFreeze(input.variables || {});
  const setVariables = {};
  const execution = Object.freeze({
    getVariable(name) {
      if (own.call(setVariables, name)) return copy(setVariables[name]);
      return own.call(variables, name) ? copy(variables[name]) : null;
    },
    setVariable(name, value) {
      if (typeof name !== 'string' || name === '') throw new TypeError('setVariable needs a variable name');
      setVariables[name] = copy(value);
    },
  });
  let nextCall = null;
  const next = (err, value) => {
    nextCall = { err, value };
  };
  globalThis.variables = variables;
  globalThis.execution = execution;
  globalThis.next = next;
  globalThis.content = deepFreeze(input.content || {});
  globalThis.environment = Object.freeze({ variables });
  let result;
  try {
    result = (0, eval)(input.source);
  } catch (err) {
    if (!(err instanceof SyntaxError) || !/return/.test(String(err.message))) throw err;
    result = new Function(input.source)();
  }
  if (nextCall) {
    if (nextCall.err) throw nextCall.err instanceof Error ? nextCall.err : new Error(String(nextCall.err));
    result = nextCall.value;
  }
  if (result && typeof result.then === 'function') throw new Error('async scripts are not supported (the script returned a promise)');
  return stringify({ result: result === undefined ? null : result, hasResult: result !== undefined, setVariables });
})()`;
