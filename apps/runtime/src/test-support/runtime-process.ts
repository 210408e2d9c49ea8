/**
 * Runs the BUILT runtime as a real child process (for crash and restart tests) and talks to it over
 * real HTTP. `kill('SIGKILL')` is a true kill -9: nothing gets a chance to flush or clean up.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const RUNTIME_MAIN = path.resolve(here, '../../dist/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RuntimeProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** starts `node <entry> serve` (entry: dist/main.js, or dist/cli.js to test `baton serve`) and waits for /healthz */
export async function startRuntime(env: Record<string, string>, port?: number, entry = RUNTIME_MAIN): Promise<RuntimeProcess> {
  if (!existsSync(entry)) throw new Error(`${entry} does not exist: run \`npx turbo run build\` first`);
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, [entry, 'serve'], {
    env: { ...process.env, PORT: String(p), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`runtime exited with ${child.exitCode}: ${out}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`runtime did not become healthy within 30 s: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    output: () => out,
    kill: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

/** a minimal tRPC-over-HTTP client, exactly what curl users do */
export class HttpApi {
  constructor(
    readonly url: string,
    public token?: string,
  ) {}

  async login(username: string, password: string) {
    const data = await this.mutation<{ token: string }>('auth.login', { username, password });
    this.token = data.token;
    return this;
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
    if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.data?.code, status: res.status });
    return body.result!.data;
  }
}
