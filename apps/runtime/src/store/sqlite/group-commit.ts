/**
 * Group commit for the embedded SQLite store (runs inside the store's worker thread).
 *
 * A durable commit (WAL, synchronous=FULL) costs one fsync, and the fsync — not the statements — is
 * most of a command's database time. Concurrent commands therefore share one: every store call that
 * arrived while the previous batch ran is taken together; reads run first (they are concurrent with
 * the writes, none of which has been acknowledged yet, so serving them before is a valid order and
 * they never see data that is not yet durable), then every write runs in its own SAVEPOINT inside ONE
 * `BEGIN IMMEDIATE … COMMIT`. A write that fails rolls back to its savepoint only; the others commit.
 * No caller hears "done" before the COMMIT (the fsync) returned, so "acknowledged means durable" holds
 * exactly as with one transaction per command. If the COMMIT itself fails, every write of the batch
 * gets that error and nothing of the batch is stored.
 *
 * Store methods that open their own transaction (commitStep, deploy's retry loop) get a nested
 * SAVEPOINT from the driver while a batch is open (see `transactionDepth` in sqlite-dialect.ts), so a
 * retried attempt rolls back what it wrote before trying again.
 */
import type { Store } from '../store.js';

/** Store methods that only read: served before the batch's writes, outside its transaction */
const READS = new Set<string>([
  'countUsers', 'getUserById', 'getUserByUsername', 'listUsers', 'getSession', 'getDiagram', 'listDiagrams', 'getDefinition',
  'getDefinitionByKey', 'listDefinitions', 'findStartTriggers', 'getInstance', 'listInstances', 'countInstancesByStatus', 'listOperations',
  'openIncidentCounts', 'openIncidentsByKey', 'openTaskCounts', 'eventsPerMinute', 'endedInstances', 'taskSla', 'taskDurations', 'listEvents',
  'listEventsAfter', 'elementStats', 'getTask', 'listTasks', 'listInboxTasks', 'countTasks', 'getFilter', 'listFilters', 'nextTimerDue',
  'getTimer', 'findSubscriptions', 'getJob', 'listIncidents', 'getIncident',
]);
/** run alone, outside any batch (they manage their own transactions or end the connection) */
const ALONE = new Set<string>(['migrate', 'close']);

export interface StoreCall {
  id: number;
  method: string;
  args: unknown[];
}

export interface GroupCommitConnection {
  /** runs a statement that returns nothing (BEGIN, SAVEPOINT, COMMIT …) */
  exec(sql: string): void;
  /** whether a batch transaction is open, for the driver's nested transactions */
  batchOpen: boolean;
}

type Reply = (id: number, outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => void;

export class GroupCommitter {
  private queue: StoreCall[] = [];
  private draining = false;
  /** batches committed and the writes in them (sqlite-store.test.ts checks that writes share a batch) */
  readonly stats = { batches: 0, writes: 0 };

  constructor(
    private readonly store: Store,
    private readonly connection: GroupCommitConnection,
    private readonly reply: Reply,
  ) {}

  submit(call: StoreCall): void {
    this.queue.push(call);
    if (!this.draining) {
      this.draining = true;
      // after every message already waiting on the port has been queued: those join this batch
      setImmediate(() => void this.drain());
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        const writes: StoreCall[] = [];
        for (const call of batch) {
          if (ALONE.has(call.method)) {
            await this.flush(writes.splice(0));
            await this.run(call);
          } else if (READS.has(call.method)) {
            await this.run(call);
          } else {
            writes.push(call);
          }
        }
        // calls that arrive while this batch runs (its fsync, above all) form the next batch
        await this.flush(writes);
      }
    } finally {
      this.draining = false;
    }
  }

  private async run(call: StoreCall): Promise<void> {
    try {
      this.reply(call.id, { ok: true, value: await this.invoke(call) });
    } catch (error) {
      this.reply(call.id, { ok: false, error });
    }
  }

  private invoke(call: StoreCall): Promise<unknown> {
    const method = (this.store as unknown as Record<string, unknown>)[call.method];
    if (typeof method !== 'function') throw new Error(`the SQLite store has no method "${call.method}"`);
    return (method as (...args: unknown[]) => Promise<unknown>).apply(this.store, call.args);
  }

  /** runs the writes in one transaction, each in a savepoint; replies once the COMMIT returned */
  private async flush(writes: StoreCall[]): Promise<void> {
    if (writes.length === 0) return;
    const outcomes: Parameters<Reply>[1][] = [];
    try {
      this.connection.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const call of writes) this.reply(call.id, { ok: false, error });
      return;
    }
    this.connection.batchOpen = true;
    try {
      for (const call of writes) {
        this.connection.exec('SAVEPOINT baton_call');
        try {
          const value = await this.invoke(call);
          this.connection.exec('RELEASE baton_call');
          outcomes.push({ ok: true, value });
        } catch (error) {
          this.connection.exec('ROLLBACK TO baton_call');
          this.connection.exec('RELEASE baton_call');
          outcomes.push({ ok: false, error });
        }
      }
    } catch (error) {
      // a savepoint statement itself failed: nothing of this batch can be trusted
      this.abort(writes, error);
      return;
    } finally {
      this.connection.batchOpen = false;
    }
    try {
      this.connection.exec('COMMIT');
    } catch (error) {
      this.abort(writes, error);
      return;
    }
    this.stats.batches += 1;
    this.stats.writes += writes.length;
    writes.forEach((call, i) => this.reply(call.id, outcomes[i]!));
  }

  private abort(writes: StoreCall[], error: unknown): void {
    try {
      this.connection.exec('ROLLBACK');
    } catch {
      // already rolled back by SQLite (e.g. after an I/O error)
    }
    for (const call of writes) this.reply(call.id, { ok: false, error });
  }
}
