/**
 * What differs between the databases, as data and small functions supplied by sqlite/ and postgres/.
 * KyselyStore and the migrations read these flags; they never test the dialect name.
 */
import type { Kysely } from 'kysely';
import type { Database } from './db-schema.js';

export interface StoreCapabilities {
  /** for logs and metrics only */
  dialect: 'sqlite' | 'postgres';
  /** `FOR UPDATE SKIP LOCKED` is available (PostgreSQL); without it a transaction is the lock (SQLite) */
  skipLocked: boolean;
  /** column type of an auto-incrementing 64-bit primary key (events.gid) */
  autoIncrementType: 'integer' | 'bigserial';
  /** whether that column also needs the AUTOINCREMENT keyword (SQLite, so ids are never reused) */
  autoIncrementKeyword: boolean;
  /** true when the error is a unique or primary-key violation */
  isUniqueViolation(error: unknown): boolean;
  /** runs `fn` while holding a cross-process migration lock (PostgreSQL advisory lock) */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Called inside commitStep just before events are appended. PostgreSQL takes a transaction-level
   * advisory lock so that event gids become visible in increasing order (a reader of
   * listEventsAfter never skips a gid that commits later). SQLite has one writer: nothing to do.
   */
  beforeEventAppend(trx: Kysely<Database>): Promise<void>;
  /**
   * Serialises transactions that work on the same named thing (e.g. deploys of one process key) until
   * the transaction ends. PostgreSQL: a transaction advisory lock; SQLite: nothing (one writer).
   */
  lockName(trx: Kysely<Database>, namespace: string, name: string): Promise<void>;
  /** releases resources not owned by Kysely (after db.destroy()) */
  close?(): Promise<void>;
}
