/**
 * Messages between the EnginePool (main thread) and its engine worker threads. Everything crosses by
 * structured clone, so only plain data: the instance context names its definition by id (the worker
 * parses each version's XML once, when the pool first sends it) and errors travel as name + message.
 */
import { CommandRejectedError, DefinitionError } from '../engine-errors.js';
import type { EngineCommand, StepOutcome } from '../engine-host.js';
import type { RunContext } from '../engine-runner.js';
import { ExpressionError } from '../expressions/expression-error.js';
import { ScriptError } from '../scripts/script-error.js';

export interface WorkerOptions {
  scriptsEnabled: boolean;
  /** hot engines this worker keeps */
  cacheSize: number;
}

export type ToWorker =
  | { op: 'define'; definitionId: string; xml: string }
  | { op: 'run'; call: number; ctx: RunContext; command: EngineCommand }
  | { op: 'confirm'; instanceId: string; rev: number }
  | { op: 'evict'; instanceId: string }
  | { op: 'evictAll' };

export interface SerializedError {
  name: string;
  message: string;
  /** ExpressionError's user text */
  expression?: string;
  /** ScriptError's element */
  elementId?: string;
}

export type FromWorker =
  | { op: 'ready'; engineVersion: string }
  | { op: 'startFailed'; error: SerializedError }
  | { op: 'done'; call: number; hot: number; outcome: StepOutcome }
  | { op: 'failed'; call: number; hot: number; error: SerializedError }
  /** the worker no longer holds (or never got) the definition: the pool sends it and runs again */
  | { op: 'missing'; call: number; definitionId: string };

export function serializeError(error: unknown): SerializedError {
  const e = error as Error & { expression?: unknown; elementId?: unknown };
  return {
    name: e?.name ?? 'Error',
    message: e?.message ?? String(error),
    ...(typeof e?.expression === 'string' ? { expression: e.expression } : {}),
    ...(typeof e?.elementId === 'string' ? { elementId: e.elementId } : {}),
  };
}

/** the engine's own error classes come back as themselves: the services map them to API errors */
export function reviveError(error: SerializedError): Error {
  if (error.name === 'CommandRejectedError') return new CommandRejectedError(error.message);
  if (error.name === 'DefinitionError') return new DefinitionError(error.message);
  if (error.name === 'ExpressionError') return new ExpressionError(error.message, error.expression ?? '');
  if (error.name === 'ScriptError') return new ScriptError(error.message, error.elementId);
  const revived = new Error(error.message);
  revived.name = error.name;
  return revived;
}
