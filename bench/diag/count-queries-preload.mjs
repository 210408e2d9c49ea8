/**
 * Preloaded into the runtime (node --import) by count-queries.mjs: counts better-sqlite3 prepare()
 * calls by SQL text (Kysely prepares every statement it runs) and writes them on SIGUSR2.
 */
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';

const counts = new Map();
const prepare = Database.prototype.prepare;
Database.prototype.prepare = function (sql) {
  const key = sql.replace(/\s+/g, ' ').replace(/\(\?(, \?)*\)/g, '(?..)').slice(0, 110);
  counts.set(key, (counts.get(key) ?? 0) + 1);
  return prepare.call(this, sql);
};
process.on('SIGUSR2', () => {
  writeFileSync(process.env.BATON_BENCH_QUERY_COUNTS, JSON.stringify([...counts].sort((a, b) => b[1] - a[1])));
  counts.clear();
});
