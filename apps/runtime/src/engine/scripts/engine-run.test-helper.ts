import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { Engine } from 'bpmn-engine';
import * as camunda from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import type { EngineScripts } from './scripts.js';

const template = readFileSync(new URL('./script-task.bpmn', import.meta.url), 'utf8');

export interface RunResult {
  ended: string[];
  variables: Record<string, unknown>;
  calcOutput?: unknown;
  error?: Error;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Runs script-task.bpmn with `body` as the script of task "calc" and reports where it ended. */
export function runScriptProcess(scripts: EngineScripts, body: string, variables: Record<string, unknown> = {}): Promise<RunResult> {
  const source = template.replace('SCRIPT_BODY', escapeXml(body));
  // bpmn-elements' IScripts claims getScript never returns undefined, but the engine relies on it
  // doing so (expression conditions); our type is the honest one, hence the cast.
  const engine = new Engine({ name: 'scripted', source, scripts: scripts as never, moddleOptions: { camunda: camunda.default ?? camunda } });
  const listener = new EventEmitter();
  const result: RunResult = { ended: [], variables: {} };
  listener.on('activity.end', (api: { id: string; type: string; content: { output?: unknown }; environment: { variables: Record<string, unknown> } }) => {
    if (api.type === 'bpmn:EndEvent') result.ended.push(api.id);
    if (api.id === 'calc') result.calcOutput = api.content.output;
    result.variables = api.environment.variables;
  });
  return new Promise((resolve) => {
    engine.once('end', () => resolve(result));
    engine.once('error', (error: Error) => resolve({ ...result, error }));
    engine.execute({ listener, variables }).catch((error: Error) => resolve({ ...result, error }));
  });
}
