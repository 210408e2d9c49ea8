/**
 * SQLite set-up: the embedded single-node database.
 *
 * Guarantees: WAL with synchronous=FULL, so a commit acknowledged to a client survives kill -9 and
 * power loss; foreign keys enforced; write transactions start with BEGIN IMMEDIATE, so a transaction
 * that reads before it writes never fails half-way with SQLITE_BUSY when a second process (a CLI, a
 * test) holds the file: it waits up to busy_timeout for the write lock instead.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, Kysely, SqliteDialect, type DatabaseConnection, type Driver, type SqliteDatabase } from 'kysely';
import type { Database } from '../db-schema.js';
import { KyselyStore } from '../kysely-store.js';
import type { StoreCapabilities } from '../store-capabilities.js';

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

class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver();
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'));
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

/** Opens (creating if needed) the SQLite file; call `migrate()` before use. */
export async function openSqliteStore(file: string): Promise<KyselyStore> {
  await mkdir(dirname(file), { recursive: true });
  const database = new BetterSqlite3(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  database.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(database) }) });
  return new KyselyStore(db, sqliteCapabilities);
}
