import { newQuickJSWASMModule, newVariant, RELEASE_SYNC, type QuickJSWASMModule } from 'quickjs-emscripten';
import { INPUT_GLOBAL, SANDBOX_PRELUDE } from './sandbox-prelude.js';

export interface ScriptLimits {
  /** Wall-clock limit per script (default 1000 ms). QuickJS checks it every few thousand operations. */
  timeLimitMs?: number;
  /** Heap limit per script (default 32 MiB). */
  memoryLimitBytes?: number;
}

export interface ScriptInput {
  source: string;
  /** Copied as JSON; functions and other non-JSON values are dropped. */
  variables: Record<string, unknown>;
  content?: unknown;
}

export interface ScriptOutput {
  /** The script's completion/return value (JSON copy), `undefined` when it produced none. */
  result: unknown;
  /** Every `execution.setVariable(name, value)` call, last write wins (JSON copies). */
  setVariables: Record<string, unknown>;
}

export type SandboxFailureKind = 'timeout' | 'memory' | 'syntax' | 'thrown' | 'input' | 'output' | 'sandbox';

/** The sandbox refused or failed the run; `kind` says why, `message` is user-facing. */
export class SandboxFailure extends Error {
  override readonly name = 'SandboxFailure';
  constructor(
    readonly kind: SandboxFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export interface ScriptRunner {
  readonly limits: Required<ScriptLimits>;
  /** Runs one script synchronously in a fresh QuickJS runtime; throws SandboxFailure. */
  run(input: ScriptInput): ScriptOutput;
}

const MiB = 1024 * 1024;
const WASM_PAGE = 64 * 1024;
// Headroom above the script heap for QuickJS's own static data and C stack.
const WASM_HEADROOM_BYTES = 32 * MiB;
// Well under what V8 allows the WASM call stack, so QuickJS reports "stack overflow" itself
// instead of the host throwing a RangeError out of the middle of the module.
const STACK_LIMIT_BYTES = 256 * 1024;

/**
 * Loads the QuickJS WASM module once (call at startup) and returns a synchronous runner.
 *
 * Why the WASM memory is capped as well as the QuickJS heap: this build has no
 * malloc_usable_size, so QuickJS's own limit does not count large reallocations (measured:
 * `new Array(1e6).fill(1)` in a loop grew the host by 2 GB under a 32 MiB limit). A
 * WebAssembly.Memory with a `maximum` makes malloc fail, which QuickJS reports as "out of memory".
 */
export async function createScriptRunner(limits: ScriptLimits = {}): Promise<ScriptRunner> {
  const resolved: Required<ScriptLimits> = {
    timeLimitMs: limits.timeLimitMs ?? 1000,
    memoryLimitBytes: limits.memoryLimitBytes ?? 32 * MiB,
  };
  const load = () => loadModule(resolved.memoryLimitBytes);
  let module: QuickJSWASMModule | null = await load();
  let reloading: Promise<void> | null = null;

  return {
    limits: resolved,
    run(input) {
      if (!module) throw new SandboxFailure('sandbox', 'the script sandbox is restarting after a failure; retry shortly');
      try {
        return runInFreshRuntime(module, input, resolved);
      } catch (err) {
        if (err instanceof SandboxFailure) throw err;
        // A host-level throw from inside WASM may leave the module inconsistent: replace it.
        module = null;
        reloading ??= load()
          .then((fresh) => {
            module = fresh;
          })
          .finally(() => {
            reloading = null;
          });
        throw new SandboxFailure('sandbox', `the script sandbox failed: ${(err as Error).message}`);
      }
    },
  };
}

async function loadModule(memoryLimitBytes: number): Promise<QuickJSWASMModule> {
  const maximumPages = Math.ceil((memoryLimitBytes + WASM_HEADROOM_BYTES) / WASM_PAGE);
  const wasmMemory = new WasmMemory({ initial: Math.min(256, maximumPages), maximum: maximumPages });
  return newQuickJSWASMModule(newVariant(RELEASE_SYNC, { wasmMemory } as VariantOptions));
}

// The project's `lib` has no DOM/WebAssembly typings; this is the one constructor we need.
const WasmMemory = (globalThis as unknown as { WebAssembly: { Memory: new (d: { initial: number; maximum: number }) => unknown } })
  .WebAssembly.Memory;
type VariantOptions = Parameters<typeof newVariant>[1];

function runInFreshRuntime(module: QuickJSWASMModule, input: ScriptInput, limits: Required<ScriptLimits>): ScriptOutput {
  let inputJson: string;
  try {
    inputJson = JSON.stringify({ source: input.source, variables: input.variables, content: input.content ?? {} });
  } catch (err) {
    throw new SandboxFailure('input', `its variables cannot be copied as JSON: ${(err as Error).message}`);
  }

  const runtime = module.newRuntime();
  try {
    runtime.setMemoryLimit(limits.memoryLimitBytes);
    runtime.setMaxStackSize(STACK_LIMIT_BYTES);
    const deadline = Date.now() + limits.timeLimitMs;
    runtime.setInterruptHandler(() => Date.now() > deadline);
    const context = runtime.newContext();
    try {
      const inputHandle = context.newString(inputJson);
      context.setProp(context.global, INPUT_GLOBAL, inputHandle);
      inputHandle.dispose();

      const outcome = context.evalCode(SANDBOX_PRELUDE, 'script.js');
      if (outcome.error) {
        const dumped = context.dump(outcome.error) as unknown;
        outcome.error.dispose();
        throw toFailure(dumped, limits);
      }
      const isString = context.typeof(outcome.value) === 'string';
      const text = isString ? context.getString(outcome.value) : '';
      outcome.value.dispose();
      if (!isString) throw new SandboxFailure('output', 'its output could not be read');
      return parseOutput(text);
    } finally {
      context.dispose();
    }
  } finally {
    runtime.dispose();
  }
}

function parseOutput(text: string): ScriptOutput {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SandboxFailure('output', 'its output is not valid JSON');
  }
  const record = parsed as { result?: unknown; hasResult?: unknown; setVariables?: unknown };
  const setVariables =
    record.setVariables && typeof record.setVariables === 'object' && !Array.isArray(record.setVariables)
      ? (record.setVariables as Record<string, unknown>)
      : {};
  return { result: record.hasResult === true ? record.result : undefined, setVariables };
}

function toFailure(dumped: unknown, limits: Required<ScriptLimits>): SandboxFailure {
  const error = (dumped && typeof dumped === 'object' ? dumped : { message: String(dumped) }) as { name?: unknown; message?: unknown };
  const name = typeof error.name === 'string' ? error.name : 'Error';
  const message = typeof error.message === 'string' ? error.message : String(dumped);
  if (name === 'InternalError' && message === 'interrupted') {
    return new SandboxFailure('timeout', `exceeded the ${limits.timeLimitMs} ms time limit`);
  }
  if (name === 'InternalError' && message === 'out of memory') {
    return new SandboxFailure('memory', `exceeded the ${Math.round(limits.memoryLimitBytes / MiB)} MiB memory limit`);
  }
  if (name === 'InternalError' && message === 'stack overflow') {
    return new SandboxFailure('memory', 'exceeded the stack limit (too deep recursion)');
  }
  if (name === 'SyntaxError') return new SandboxFailure('syntax', `has a syntax error: ${message}`);
  return new SandboxFailure('thrown', `threw ${name}: ${message}`);
}
