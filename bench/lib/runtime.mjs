/**
 * Spawns the BUILT runtime as a child process and talks to it over loopback HTTP (tRPC without a
 * transformer: POST JSON for mutations, GET ?input= for queries, Bearer token). A plain keep-alive
 * node:http client (cheaper per request than fetch, so the load generator steals less CPU from the
 * runtime on a 2-core machine). Modelled on apps/runtime/src/test-support, not imported from it.
 */
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '../..');
const LIVE_MAIN = path.join(ROOT, 'apps/runtime/dist/main.js');
const SNAPSHOT = path.join(ROOT, 'bench/.snapshot');
export let RUNTIME_MAIN = LIVE_MAIN;

/**
 * Other people rebuild apps/runtime/dist while benchmarks run; a runtime spawned mid-rebuild reads
 * half-written files. So a run copies the built runtime and @baton/shared once into bench/.snapshot
 * (gitignored) and every benchmark of the run spawns that same build. BATON_BENCH_LIVE=1 skips it.
 * Everything copied lands under a dist/ or node_modules/ folder, which ESLint and Vitest ignore.
 */
export function prepareSnapshot() {
  if (process.env.BATON_BENCH_LIVE === '1' || RUNTIME_MAIN !== LIVE_MAIN) return RUNTIME_MAIN;
  assertBuilt();
  rmSync(SNAPSHOT, { recursive: true, force: true });
  const runtime = path.join(SNAPSHOT, 'runtime');
  const shared = path.join(SNAPSHOT, 'node_modules/@baton/shared');
  cpSync(path.join(ROOT, 'apps/runtime/dist'), path.join(runtime, 'dist'), { recursive: true });
  cpSync(path.join(ROOT, 'apps/runtime/package.json'), path.join(runtime, 'package.json'));
  cpSync(path.join(ROOT, 'packages/shared/dist'), path.join(shared, 'dist'), { recursive: true });
  cpSync(path.join(ROOT, 'packages/shared/package.json'), path.join(shared, 'package.json'));
  if (existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) cpSync(path.join(ROOT, 'apps/web/dist'), path.join(SNAPSHOT, 'web/dist'), { recursive: true });
  RUNTIME_MAIN = path.join(runtime, 'dist/main.js');
  return RUNTIME_MAIN;
}
export const PASSWORD = 'bench-admin-password';

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function tempDir(prefix = 'baton-bench-') {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

export async function removeDir(dir) {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** resident set size of a process in bytes (Linux /proc), or NaN */
export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return kb * 1024;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) of a process in ms (Linux /proc) */
export function cpuMsOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100; // CLK_TCK is 100 on Linux
  } catch {
    return NaN;
  }
}

/** the web app the runtime serves: the snapshot's copy when there is one */
export function webDir() {
  return RUNTIME_MAIN === LIVE_MAIN ? path.join(ROOT, 'apps/web/dist') : path.join(SNAPSHOT, 'web/dist');
}

export function assertBuilt() {
  if (!existsSync(LIVE_MAIN)) {
    throw new Error(`${LIVE_MAIN} does not exist: run \`npx turbo run build\` first`);
  }
}

/**
 * Starts `node apps/runtime/dist/main.js serve`; resolves once /healthz answers 200.
 * env: BATON_DATA_DIR or DATABASE_URL, plus anything else.
 */
export async function startRuntime(env, { port, nodeArgs = [], healthTimeoutMs = 60_000 } = {}) {
  prepareSnapshot();
  const p = port ?? (await freePort());
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, RUNTIME_MAIN, 'serve'], {
    env: { ...process.env, PORT: String(p), HOST: '127.0.0.1', LOG_LEVEL: 'warn', BATON_ADMIN_PASSWORD: PASSWORD, BATON_WEB_DIR: webDir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr.on('data', (d) => (out = (out + d).slice(-20_000)));
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + healthTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`runtime exited with ${child.exitCode}: ${out}`);
    if (await healthy(url)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`runtime did not become healthy within ${healthTimeoutMs} ms: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const healthyMs = performance.now() - spawnedAt;
  let exited;
  child.once('exit', (code, signal) => (exited = { code, signal }));
  return {
    /** { code, signal } once the process has exited, else undefined */
    exited: () => exited,
    /** throws (with the runtime's last output) if the process is gone */
    assertAlive: () => {
      if (exited) throw new Error(`the runtime exited (code ${exited.code}, signal ${exited.signal}): ${out.slice(-3000)}`);
    },
    url,
    port: p,
    child,
    pid: child.pid,
    healthyMs,
    output: () => out,
    rss: () => rssOf(child.pid),
    cpuMs: () => cpuMsOf(child.pid),
    kill: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

export async function healthy(url) {
  return new Promise((resolve) => {
    const req = http.get(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => {
      req.destroy();
      resolve(false);
    });
  });
}

/** a minimal tRPC-over-HTTP client on a keep-alive agent */
export class Api {
  constructor(url, { token, maxSockets = 128 } = {}) {
    this.url = new URL(url);
    this.token = token;
    // idle sockets are dropped by the client after 4 s, before the server's 5 s keep-alive timeout
    this.agent = new http.Agent({ keepAlive: true, maxSockets, timeout: 4000 });
  }

  async login(username = 'admin', password = PASSWORD) {
    const data = await this.mutation('auth.login', { username, password });
    this.token = data.token;
    return this;
  }

  withToken(token) {
    const api = new Api(this.url.href, { token });
    api.agent = this.agent;
    return api;
  }

  query(procedure, input) {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.request('GET', `/trpc/${procedure}${qs}`);
  }

  mutation(procedure, input) {
    return this.request('POST', `/trpc/${procedure}`, JSON.stringify(input ?? null));
  }

  /**
   * The server closes idle keep-alive sockets (5 s) — e.g. while a baseline block runs — and a request
   * sent on such a socket fails with ECONNRESET before the server read it: retried once, as the Node
   * docs advise for `req.reusedSocket`.
   */
  async request(method, pathname, body) {
    try {
      return await this.send(method, pathname, body);
    } catch (error) {
      if (error.reusedSocket && (error.code === 'ECONNRESET' || error.message === 'socket hang up')) return this.send(method, pathname, body);
      throw error;
    }
  }

  send(method, pathname, body) {
    return new Promise((resolve, reject) => {
      const headers = { 'content-type': 'application/json' };
      if (this.token) headers.authorization = `Bearer ${this.token}`;
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      const req = http.request({ host: this.url.hostname, port: this.url.port, method, path: pathname, headers, agent: this.agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          let parsed;
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch (error) {
            return reject(new Error(`${method} ${pathname}: HTTP ${res.statusCode}, not JSON (${error.message})`));
          }
          if (parsed.error) {
            const e = new Error(`${pathname.split('?')[0]}: ${parsed.error.message}`);
            e.code = parsed.error.data?.code;
            e.status = res.statusCode;
            return reject(e);
          }
          resolve(parsed.result?.data);
        });
        res.on('error', reject);
      });
      req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  close() {
    this.agent.destroy();
  }
}

/**
 * Reads a tRPC SSE subscription (what a browser's EventSource does). onMessage({ id, data, receivedAt })
 * with receivedAt = performance.timeOrigin + performance.now() (wall-clock ms with sub-ms precision).
 */
export function subscribe(url, procedure, input, token, onMessage) {
  let markReady;
  const ready = new Promise((resolve) => (markReady = resolve));
  const u = new URL(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`);
  let closed = false;
  const req = http.get({ host: u.hostname, port: u.port, path: u.pathname + u.search, agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
    res.setEncoding('utf8');
    let buffer = '';
    res.on('data', (chunk) => {
      const receivedAt = performance.timeOrigin + performance.now();
      buffer += chunk;
      let index;
      while ((index = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        let id;
        let event = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('id:')) id = line.slice(3).trim();
          else if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (event === 'connected') markReady();
        if (event === 'message' && data.length) onMessage({ id, data: JSON.parse(data.join('\n')), receivedAt });
      }
    });
    res.on('error', () => undefined);
  });
  req.on('error', () => undefined);
  return {
    ready,
    close: () => {
      if (closed) return;
      closed = true;
      req.destroy();
    },
  };
}

/** a fresh PostgreSQL database (dropped by `drop()`); URL base from BATON_BENCH_PG or the local server */
export async function freshPgDatabase(label) {
  const { default: pg } = await import('pg');
  const base = process.env.BATON_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `baton_bench_${label}_${process.pid}_${Date.now().toString(36)}`.toLowerCase();
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.href,
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [name]);
        await c.query(`drop database if exists ${name}`);
      } finally {
        await c.end();
      }
    },
  };
}

export async function pgAvailable() {
  try {
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: process.env.BATON_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test', connectionTimeoutMillis: 2000 });
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/**
 * A runtime on a fresh database: db = 'sqlite' (temporary data directory) or 'pg' (fresh database,
 * dropped by cleanup). Returns { rt, api (logged in as admin), env, cleanup, restart(signal) }.
 */
export async function session({ db = 'sqlite', label = 'x', env = {}, startOptions = {} } = {}) {
  let dir;
  let pgdb;
  const base = { ...env };
  if (db === 'pg') {
    pgdb = await freshPgDatabase(label);
    base.DATABASE_URL = pgdb.url;
    dir = await tempDir();
    base.BATON_DATA_DIR = dir;
  } else {
    dir = await tempDir();
    base.BATON_DATA_DIR = dir;
  }
  const s = { env: base, dataDir: dir, db, pg: pgdb };
  s.rt = await startRuntime(base, startOptions);
  s.api = await new Api(s.rt.url).login();
  s.cleanup = async () => {
    s.api?.close();
    await s.rt?.kill('SIGKILL');
    for (const extra of s.others ?? []) await extra.kill('SIGKILL');
    await pgdb?.drop().catch((e) => process.stderr.write(`could not drop ${pgdb.name}: ${e.message}\n`));
    await removeDir(dir);
  };
  return s;
}
