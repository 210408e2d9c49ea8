/**
 * SQLite set-up: the embedded single-node database.
 *
 * Guarantees: WAL with synchronous=FULL, so a commit acknowledged to a client survives kill -9 and
 * power loss; foreign keys enforced; write transactions start with BEGIN IMMEDIATE, so a transaction
 * that reads before it writes never fails half-way with SQLITE_BUSY when a second process (a CLI, a
 * test) holds the file: it waits up to busy_timeout for the write lock instead.
 *
 * better-sqlite3 is synchronous, so the database lives in a worker thread (sqlite-worker.ts): its
 * statements and fsyncs never block the event loop that serves HTTP and runs engines, and concurrent
 * commands share one fsync (group-commit.ts). The runtime opens it with `openSqliteStore`
 * (sqlite-store.ts); `openSqliteKyselyStore` here is the connection's side.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type DatabaseConnection, type Driver, type SqliteDatabase } from 'kysely';
import type { Database } from '../db-schema.js';
import { KyselyStore } from '../kysely-store.js';
import type { StoreCapabilities } from '../store-capabilities.js';
import type { GroupCommitConnection } from './group-commit.js';

const BUSY_TIMEOUT_MS = 5_000;
const STATEMENT_CACHE = 500;

/**
 * Kysely prepares every query anew; the same few hundred SQL texts run over and over, so prepared
 * statements are kept by SQL text (bounded, least recently used out). Safe because better-sqlite3 runs
 * one statement at a time on this connection and Kysely never leaves an iterator open between awaits
 * for our queries (no streaming).
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

/**
 * Transactions start with BEGIN IMMEDIATE; inside a group-commit batch (batchOpen) a store method's
 * own transaction becomes a nested savepoint, so its rollback undoes only its own writes.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(
    config: ConstructorParameters<typeof SqliteDialect>[0],
    private readonly batch: GroupCommitConnection,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const run = (connection: DatabaseConnection, sql: string) => connection.executeQuery(CompiledQuery.raw(sql)).then(() => undefined);
    driver.beginTransaction = (connection) => run(connection, this.batch.batchOpen ? 'savepoint baton_tx' : 'begin immediate');
    driver.commitTransaction = (connection) => run(connection, this.batch.batchOpen ? 'release baton_tx' : 'commit');
    driver.rollbackTransaction = async (connection) => {
      if (!this.batch.batchOpen) return run(connection, 'rollback');
      await run(connection, 'rollback to baton_tx');
      await run(connection, 'release baton_tx');
    };
    return driver;
  }
}

export const sqliteCapabilities: StoreCapabilities = {
  dialect: 'sqlite',
  skipLocked: false,
  autoIncrementType: 'integer',
  autoIncrementKeyword: true,
  isUniqueViolation: (error) => {
    const code = (error as { code?: unknown } | null)?.code;
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  },
  // the migrator's own transaction (BEGIN IMMEDIATE) already serialises processes on one file
  withMigrationLock: (fn) => fn(),
  beforeEventAppend: async () => {},
  lockName: async () => {},
};

/**
 * Opens (creating if needed) the SQLite file in this thread — the store worker's side. Returns the
 * store and the connection the group committer drives.
 */
export async function openSqliteKyselyStore(file: string): Promise<{ store: KyselyStore; connection: GroupCommitConnection }> {
  await mkdir(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  const connection: GroupCommitConnection = { batchOpen: false, exec: (sql) => void database.exec(sql) };
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }, connection) });
  return { store: new KyselyStore(db, sqliteCapabilities), connection };
}

