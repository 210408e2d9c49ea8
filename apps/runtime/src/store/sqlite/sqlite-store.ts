/**
 * The SQLite store as the runtime sees it: every Store method is a call into the group committer
 * (group-commit.ts), which owns the better-sqlite3 connection.
 *
 * - `thread: 'worker'` (the runtime's default when built): the connection lives in a worker thread
 *   (sqlite-worker.ts), so statements and fsyncs never block the event loop that serves HTTP and runs
 *   engines — the database work runs on the machine's second core. Arguments and results cross by
 *   structured clone; errors by store-errors.ts.
 * - `thread: 'inline'`: the same committer in this thread. The default when running from TypeScript
 *   source (tests), where a worker would have to compile the store on the fly (seconds per start);
 *   sqlite-store.test.ts and every test that spawns the built runtime exercise the worker.
 *
 * If the worker dies, every pending and later call fails with the reason and `onFatal` is told: the
 * runtime cannot serve without its database (it exits, see main.ts), and no caller may think a write
 * was stored when it was not — nothing is acknowledged before its COMMIT returned.
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../worker-module.js';
import { KyselyStore } from '../kysely-store.js';
import type { Store } from '../store.js';
import { GroupCommitter, type StoreCall } from './group-commit.js';
import { openSqliteKyselyStore } from './sqlite-dialect.js';
import { reviveError, type SerializedError } from './store-errors.js';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** methods forwarded: every public method of the Store implementation */
const METHODS = Object.getOwnPropertyNames(KyselyStore.prototype).filter((name) => name !== 'constructor');

export interface SqliteStoreOptions {
  thread?: 'worker' | 'inline';
  /** called once if the worker thread dies: the runtime exits so a supervisor restarts it */
  onFatal?: (error: Error) => void;
}

interface Transport {
  send(call: StoreCall): void;
  stop(): Promise<void>;
}

/** the Store methods are defined per instance in the constructor (forwarders), hence no `implements` */
class SqliteStore {
  readonly dialect = 'sqlite' as const;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private failure: Error | undefined;
  private closed = false;
  private transport!: Transport;

  private constructor(private readonly onFatal?: (error: Error) => void) {
    for (const method of METHODS) {
      if (method === 'close') continue;
      Object.defineProperty(this, method, { value: (...args: unknown[]) => this.call(method, args), writable: true, configurable: true });
    }
  }

  static async open(file: string, options: SqliteStoreOptions = {}): Promise<Store> {
    const store = new SqliteStore(options.onFatal);
    const fromSource = import.meta.url.endsWith('.ts');
    store.transport = (options.thread ?? (fromSource ? 'inline' : 'worker')) === 'worker' ? await store.startWorker(file) : await store.startInline(file);
    return store as unknown as Store;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.call('close', []);
    } finally {
      this.closed = true;
      await this.transport.stop();
    }
  }

  private call(method: string, args: unknown[]): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error(`the SQLite store is closed (${method})`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.transport.send({ id, method, args });
    });
  }

  private settle(id: number, outcome: Outcome): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    if (outcome.ok) call.resolve(outcome.value);
    else call.reject(outcome.error);
  }

  private fail(error: Error): void {
    const first = !this.failure;
    this.failure ??= error;
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
    if (first) this.onFatal?.(error);
  }

  private async startInline(file: string): Promise<Transport> {
    const { store, connection } = await openSqliteKyselyStore(file);
    const committer = new GroupCommitter(store, connection, (id, outcome) => this.settle(id, outcome));
    return { send: (call) => committer.submit(call), stop: async () => {} };
  }

  private async startWorker(file: string): Promise<Transport> {
    const worker = spawnWorker(file);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: true; error?: SerializedError }) => {
        worker.off('error', onError);
        if (message.ready) resolve();
        else reject(reviveError(message.error!));
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(new Error(`could not start the SQLite store worker for ${file}: ${error.message}`, { cause: error }));
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
    });
    worker.on('message', (m: { id: number; ok: boolean; value?: unknown; error?: SerializedError }) =>
      this.settle(m.id, m.ok ? { ok: true, value: m.value } : { ok: false, error: reviveError(m.error!) }),
    );
    worker.on('error', (error) => this.fail(new Error(`the SQLite store worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`the SQLite store worker stopped (exit code ${code})`));
    });
    return {
      send: (call) => worker.postMessage(call),
      stop: async () => void (await worker.terminate()),
    };
  }
}

function spawnWorker(file: string): Worker {
  return startModuleWorker(import.meta.url, 'sqlite-worker', { workerData: { file } });
}

/** Opens (creating if needed) the SQLite file; call `migrate()` before use. */
export function openSqliteStore(file: string, options?: SqliteStoreOptions): Promise<Store> {
  return SqliteStore.open(file, options);
}
