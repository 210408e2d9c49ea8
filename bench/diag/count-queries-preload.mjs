/**
 * Preloaded into the runtime (node --import) by count-queries.mjs: counts statements run through
 * better-sqlite3 by SQL text, with the time spent in each (prepared statements are cached, so runs are counted, not prepares) and
 * writes the counts on SIGUSR2. On PostgreSQL it counts pg round trips (client.query) and their time
 * until the answer, which includes waiting for the server.
 */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import { BroadcastChannel, isMainThread, threadId } from 'node:worker_threads';

/** SQL text → [runs, total ms] */
const counts = new Map();
function count(key, ms) {
  const entry = counts.get(key) ?? [0, 0];
  entry[0] += 1;
  entry[1] += ms;
  counts.set(key, entry);
}
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (sql) {
  const key = sql.replace(/\s+/g, ' ').replace(/\(\?(, \?)*\)/g, '(?..)').slice(0, 110);
  const statement = prepare.call(this, sql);
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = statement[method];
    statement[method] = function (...args) {
      const t0 = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        count(key, performance.now() - t0);
      }
    };
  }
  return statement;
};
const pgQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, values, callback) {
  const text = typeof config === 'string' ? config : config?.text;
  if (typeof text !== 'string' || typeof callback === 'function' || typeof values === 'function') return pgQuery.call(this, config, values, callback);
  const key = text.replace(/\s+/g, ' ').replace(/\(\$\d+(, \$\d+)*\)/g, '($..)').slice(0, 110);
  const t0 = performance.now();
  const result = pgQuery.call(this, config, values);
  result?.finally?.(() => count(key, performance.now() - t0)).catch(() => undefined);
  return result;
};
const exec = Database.prototype.exec;
Database.prototype.exec = function (sql) {
  const t0 = performance.now();
  try {
    return exec.call(this, sql);
  } finally {
    count(sql, performance.now() - t0);
  }
};
// the store runs in a worker thread (which loads this file too): a signal reaches only the main
// thread, so the main thread asks every thread to write its counts (`<file>` and `<file>.<threadId>`)
const channel = new BroadcastChannel('baton-query-counts');
function dump() {
  const file = isMainThread ? process.env.BATON_BENCH_QUERY_COUNTS : `${process.env.BATON_BENCH_QUERY_COUNTS}.${threadId}`;
  writeFileSync(file, JSON.stringify([...counts].sort((a, b) => b[1][1] - a[1][1])));
  counts.clear();
}
if (isMainThread) {
  process.on('SIGUSR2', () => {
    dump();
    channel.postMessage('dump');
  });
} else {
  channel.onmessage = dump;
  channel.unref();
}
