/**
 * CLI test support: the BUILT runtime as a child process (the shared helper in
 * src/test-support/runtime-process.ts, plus a fresh data directory), and the BUILT `baton` command
 * run as a user would.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIME_MAIN, startRuntime as startSharedRuntime } from '../../test-support/runtime-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export { RUNTIME_MAIN };
export const CLI = path.resolve(here, '../../../dist/cli.js');
export const ADMIN_PASSWORD = 'cli-test-password';

export interface CliRuntime {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM (SIGKILL after 5 s) and remove the data directory */
  stop(): Promise<void>;
}

/** the shared runtime process helper, with a fresh SQLite directory that stop() removes */
export async function startRuntime(options: { entry?: string } = {}): Promise<CliRuntime> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'baton-cli-test-'));
  try {
    const runtime = await startSharedRuntime({ BATON_DATA_DIR: dataDir, BATON_ADMIN_PASSWORD: ADMIN_PASSWORD, DATABASE_URL: '' }, undefined, options.entry ?? RUNTIME_MAIN);
    return {
      url: runtime.url,
      child: runtime.child,
      output: runtime.output,
      async stop() {
        const force = setTimeout(() => runtime.child.kill('SIGKILL'), 5_000);
        await runtime.kill('SIGTERM');
        clearTimeout(force);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** polls `check` until it returns a truthy value (returned) or the time runs out (throws its last error) */
export async function eventually<T>(check: () => Promise<T | undefined | false | null>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** runs the BUILT cli (`node dist/cli.js ...args`) as a child process, bounded in time */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 15_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete childEnv[k];
    execFile(process.execPath, [CLI, ...args], { env: childEnv, timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(Object.assign(error, { stdout, stderr }));
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

export { HttpApi } from '../../test-support/runtime-process.js';
