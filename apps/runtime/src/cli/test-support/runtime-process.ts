/**
 * The BUILT runtime (`dist/main.js serve`) as a real child process with a fresh SQLite
 * directory and a free port, for tests that run the BUILT `baton` command against it
 * exactly as a user would.
 * `stop()` kills it and removes the directory; tests call it in afterAll.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const RUNTIME_MAIN = path.resolve(here, '../../../dist/main.js');
export const CLI = path.resolve(here, '../../../dist/cli.js');
export const ADMIN_PASSWORD = 'cli-test-password';

export interface RuntimeProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** starts `node <entry> serve`; entry is dist/main.js, or dist/cli.js to test `baton serve` */
export async function startRuntime(options: { entry?: string; timeoutMs?: number } = {}): Promise<RuntimeProcess> {
  const { entry = RUNTIME_MAIN, timeoutMs = 30_000 } = options;
  if (!existsSync(RUNTIME_MAIN)) throw new Error(`${RUNTIME_MAIN} is missing: run \`npx turbo run build --filter=@baton/runtime\` first`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'baton-cli-test-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', BATON_DATA_DIR: dataDir, BATON_ADMIN_PASSWORD: ADMIN_PASSWORD, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL; // always the embedded SQLite in dataDir
  const child = spawn(process.execPath, [entry, 'serve'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        rmSync(dataDir, { recursive: true, force: true });
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the runtime exited with code ${child.exitCode}: ${out}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await stop();
      throw new Error(`the runtime was not healthy within ${timeoutMs} ms: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, child, output: () => out, stop };
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

/** a minimal tRPC-over-HTTP client for setting up and checking what the CLI did */
export class HttpApi {
  constructor(
    readonly url: string,
    public token?: string,
  ) {}

  async login(username: string, password: string) {
    this.token = (await this.mutation<{ token: string }>('auth.login', { username, password })).token;
    return this.token;
  }

  async query<T>(procedure: string, input?: unknown): Promise<T> {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.handle<T>(await fetch(`${this.url}/trpc/${procedure}${qs}`, { headers: this.headers() }));
  }

  async mutation<T>(procedure: string, input?: unknown): Promise<T> {
    return this.handle<T>(await fetch(`${this.url}/trpc/${procedure}`, { method: 'POST', headers: this.headers(), body: JSON.stringify(input ?? null) }));
  }

  private headers(): Record<string, string> {
    return { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) };
  }

  private async handle<T>(res: Response): Promise<T> {
    const body = (await res.json()) as { result?: { data: T }; error?: { message: string; data?: { code?: string } } };
    if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.data?.code });
    return body.result!.data;
  }
}
