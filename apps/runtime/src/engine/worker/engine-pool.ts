/**
 * EnginePool: runs the engines in worker threads, so bpmn-engine's work — most of the CPU an instance
 * costs — runs beside the event loop that serves HTTP, and on more than one core. Each instance is
 * routed to one worker by a hash of its id (its hot engine lives there); commands for one instance
 * are already serialised by the caller's instance lock, and messages to one worker arrive in order,
 * so `confirm`/`evict` need no reply.
 *
 * A worker is sent a definition version's XML the first time it needs it (`xmlOf`), and parses it
 * itself. If a worker dies, the pending commands fail and `onFatal` is told: the runtime exits, like
 * when its database thread dies (nothing was committed for those commands, so nothing is lost).
 */
import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../worker-module.js';
import type { EngineCommand, StepOutcome } from '../engine-host.js';
import type { EngineRunner, RunContext } from '../engine-runner.js';
import { reviveError, type FromWorker, type ToWorker, type WorkerOptions } from './engine-protocol.js';

export interface EnginePoolOptions {
  threads: number;
  scriptsEnabled: boolean;
  /** hot engines kept in memory, over all workers */
  cacheSize: number;
  /** the XML of a definition version, sent to a worker the first time it runs that version */
  xmlOf: (definitionId: string) => Promise<string>;
  onFatal?: (error: Error) => void;
}

interface Pending {
  resolve: (outcome: StepOutcome) => void;
  reject: (error: Error) => void;
  ctx: RunContext;
  command: EngineCommand;
  retried: boolean;
}

class EngineThread {
  hot = 0;
  /** definition versions sent (or being sent) to this worker */
  readonly defined = new Map<string, Promise<void>>();
  readonly pending = new Map<number, Pending>();

  constructor(readonly worker: Worker) {}

  post(message: ToWorker) {
    this.worker.postMessage(message);
  }
}

export class EnginePool implements EngineRunner {
  private readonly threads: EngineThread[] = [];
  private nextCall = 1;
  private failure: Error | undefined;
  private closing = false;
  private version = '';

  private constructor(private readonly options: EnginePoolOptions) {}

  static async start(options: EnginePoolOptions): Promise<EnginePool> {
    const pool = new EnginePool(options);
    const count = Math.max(1, Math.floor(options.threads));
    const data: WorkerOptions = { scriptsEnabled: options.scriptsEnabled, cacheSize: Math.max(1, Math.ceil(options.cacheSize / count)) };
    const started = await Promise.allSettled(Array.from({ length: count }, () => pool.startThread(data)));
    const failed = started.find((s) => s.status === 'rejected');
    pool.threads.push(...started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])));
    if (failed) {
      await pool.close();
      throw (failed as PromiseRejectedResult).reason;
    }
    return pool;
  }

  get engineVersion() {
    return this.version;
  }

  get hotCount() {
    return this.threads.reduce((sum, t) => sum + t.hot, 0);
  }

  async run(ctx: RunContext, command: EngineCommand): Promise<StepOutcome> {
    if (this.failure) throw this.failure;
    const thread = this.threadOf(ctx.instanceId);
    await this.define(thread, ctx.definitionId);
    return new Promise<StepOutcome>((resolve, reject) => {
      const call = this.nextCall++;
      thread.pending.set(call, { resolve, reject, ctx, command, retried: false });
      this.send(thread, call, ctx, command);
    });
  }

  confirm(instanceId: string, rev: number) {
    this.threadOf(instanceId).post({ op: 'confirm', instanceId, rev });
  }

  evict(instanceId: string) {
    this.threadOf(instanceId).post({ op: 'evict', instanceId });
  }

  evictAll() {
    for (const thread of this.threads) thread.post({ op: 'evictAll' });
  }

  async close() {
    this.closing = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  private send(thread: EngineThread, call: number, ctx: RunContext, command: EngineCommand) {
    thread.post({ op: 'run', call, ctx: { instanceId: ctx.instanceId, definitionId: ctx.definitionId, snapshot: ctx.snapshot, rev: ctx.rev }, command });
  }

  /** sends the XML once per worker; concurrent first commands share the one read */
  private define(thread: EngineThread, definitionId: string): Promise<void> {
    let sent = thread.defined.get(definitionId);
    if (!sent) {
      sent = this.options.xmlOf(definitionId).then((xml) => thread.post({ op: 'define', definitionId, xml }));
      thread.defined.set(definitionId, sent);
      sent.catch(() => thread.defined.delete(definitionId));
    }
    return sent;
  }

  private threadOf(instanceId: string): EngineThread {
    // FNV-1a over the id: stable, so an instance's hot engine is always in the same worker
    let h = 0x811c9dc5;
    for (let i = 0; i < instanceId.length; i += 1) h = Math.imul(h ^ instanceId.charCodeAt(i), 0x01000193);
    return this.threads[(h >>> 0) % this.threads.length];
  }

  private onMessage(thread: EngineThread, message: FromWorker) {
    if (message.op === 'ready' || message.op === 'startFailed') return;
    const pending = thread.pending.get(message.call);
    if (!pending) return;
    if (message.op === 'missing') {
      thread.defined.delete(message.definitionId);
      if (pending.retried) {
        thread.pending.delete(message.call);
        pending.reject(new Error(`engine worker could not load definition ${message.definitionId}`));
        return;
      }
      pending.retried = true;
      this.define(thread, message.definitionId).then(
        () => this.send(thread, message.call, pending.ctx, pending.command),
        (error: Error) => {
          thread.pending.delete(message.call);
          pending.reject(error);
        },
      );
      return;
    }
    thread.pending.delete(message.call);
    thread.hot = message.hot;
    if (message.op === 'done') pending.resolve(message.outcome);
    else pending.reject(reviveError(message.error));
  }

  private fail(error: Error) {
    const first = !this.failure;
    this.failure ??= error;
    for (const thread of this.threads) {
      for (const pending of thread.pending.values()) pending.reject(error);
      thread.pending.clear();
    }
    if (first) this.options.onFatal?.(error);
  }

  private async startThread(data: WorkerOptions): Promise<EngineThread> {
    const worker = spawnWorker(data);
    const thread = new EngineThread(worker);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: FromWorker) => {
        worker.off('error', onError);
        if (message.op === 'ready') {
          this.version = message.engineVersion;
          resolve();
        } else reject(reviveError((message as Extract<FromWorker, { op: 'startFailed' }>).error));
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(new Error(`could not start an engine worker: ${error.message}`, { cause: error }));
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
    });
    worker.on('message', (message: FromWorker) => this.onMessage(thread, message));
    worker.on('error', (error) => this.fail(new Error(`an engine worker failed: ${error.message}`, { cause: error })));
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`an engine worker stopped (exit code ${code})`));
    });
    return thread;
  }
}

/**
 * An engine allocates a lot of short-lived objects (bpmn-engine's broker messages) that die when the
 * step ends. A worker's default young generation is small, so they were scavenged again and again
 * and promoted; 64 MB cut the engine thread's CPU per straight-through instance by ~13 % here.
 */
const resourceLimits = { maxYoungGenerationSizeMb: 64 };

function spawnWorker(workerData: WorkerOptions): Worker {
  return startModuleWorker(import.meta.url, 'engine-worker', { workerData, resourceLimits });
}
