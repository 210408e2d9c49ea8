/**
 * Real databases for tests, one fresh database per call so parallel test files never meet:
 * SQLite in a new temp directory, PostgreSQL as a new `baton_test_<random>` database on the server
 * at BATON_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test), dropped by cleanup().
 * An unreachable PostgreSQL is a failure with instructions, never a skip.
 *
 *   const { store, cleanup } = await openTestStore('sqlite');   // migrated, ready
 *   afterAll(cleanup);
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../store.js';
import { openPostgresStore } from '../postgres/postgres-dialect.js';
import { openSqliteStore } from '../sqlite/sqlite-store.js';

export type TestDialect = 'sqlite' | 'postgres';
export const TEST_DIALECTS: TestDialect[] = ['sqlite', 'postgres'];

export interface TestStore {
  /** migrated unless `{ migrate: false }` was asked for */
  store: Store;
  /**
   * another store on the same database: on PostgreSQL a second runtime node with its own pool. SQLite
   * is single-node: this returns the same store, because a second better-sqlite3 connection in one
   * process would block the event loop in busy_timeout while the first waits for the loop (deadlock).
   */
  openAnother(): Promise<Store>;
  /** closes every store opened here and removes the database */
  cleanup(): Promise<void>;
  /** the SQLite file or the PostgreSQL URL */
  location: string;
}

const START_PG = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';

export const testPgUrl = (): string => process.env.BATON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function openTestStore(dialect: TestDialect, options: { migrate?: boolean } = {}): Promise<TestStore> {
  const opened: Store[] = [];
  let location: string;
  let open: () => Promise<Store>;
  let removeDatabase: () => Promise<void>;

  if (dialect === 'sqlite') {
    const dir = await mkdtemp(join(tmpdir(), 'baton-store-'));
    location = join(dir, 'baton.sqlite');
    open = () => openSqliteStore(location);
    removeDatabase = () => rm(dir, { recursive: true, force: true });
  } else {
    const name = `baton_test_${randomBytes(6).toString('hex')}`;
    const admin = testPgUrl();
    await adminQuery(admin, `create database ${name}`);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    location = url.toString();
    open = () => openPostgresStore(location);
    removeDatabase = () => dropDatabase(admin, name);
  }

  const track = async () => {
    const s = await open();
    opened.push(s);
    return s;
  };
  const store = await track();
  if (options.migrate !== false) await store.migrate();
  return {
    store,
    location,
    openAnother: dialect === 'sqlite' ? async () => store : track,
    async cleanup() {
      await Promise.allSettled(opened.map((s) => s.close()));
      await removeDatabase();
    },
  };
}

/**
 * Drops politely first: a closed pool's connections may still be saying goodbye, and `with (force)`
 * would kill them mid-way (an unhandled FATAL 57P01 in the test run). Force only as a last resort.
 */
async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      return await adminQuery(adminUrl, `drop database if exists ${name}`);
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code !== '55006') throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
}

/** runs one statement on the admin database (the URL's own, or `postgres` if that one is missing) */
async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const run = async (url: string) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  try {
    await run(adminUrl);
  } catch (error) {
    if ((error as { code?: string }).code === '3D000') {
      const fallback = new URL(adminUrl);
      fallback.pathname = '/postgres';
      return run(fallback.toString());
    }
    if ((error as { code?: string }).code === '55006') throw new Error(`database is in use: ${statement}`, { cause: error });
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL is not reachable at ${adminUrl} (${message}). Start it with \`${START_PG}\`, or point BATON_TEST_PG_URL at a server where the user may create databases.`, { cause: error });
  }
}
