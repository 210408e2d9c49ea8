export { createScriptRunner, SandboxFailure, type ScriptInput, type ScriptLimits, type ScriptOutput, type ScriptRunner } from './quickjs-sandbox.js';
export { createScripts, type EngineScripts, type ScriptsOptions } from './scripts.js';
export { ScriptError } from './script-error.js';
