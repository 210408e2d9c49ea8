/**
 * Fast seeding of many waiting instances on SQLite (the runtime must be stopped): real template
 * instances are created through the API, then their rows are cloned N times in the database file —
 * every table with an instance_id column (and task_candidates by task_id), with every id of the
 * template (instance, tasks, timers, jobs, ...) replaced by a fresh UUID in every text column,
 * snapshot and event payloads included. The schema is discovered, not hard-coded; integer
 * autoincrement keys (events.gid, operations.oid) are left to the database. A clone is exactly what
 * the API would have produced for that instance, only ~100× faster to make.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';

function tablesOf(db) {
  const tables = [];
  for (const { name } of db.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all()) {
    const cols = db.prepare(`pragma table_info("${name}")`).all();
    const names = cols.map((c) => c.name);
    const auto = cols.filter((c) => c.pk === 1 && /int/i.test(c.type) && cols.filter((x) => x.pk).length === 1).map((c) => c.name);
    if (name === 'instances') tables.push({ name, key: 'id', cols: names, auto });
    else if (names.includes('instance_id')) tables.push({ name, key: 'instance_id', cols: names, auto });
  }
  return tables;
}

/**
 * Clones template instances. templates: [{ id, count, subs?: (k) => [[from, to], ...] }].
 * Returns the new instance ids per template.
 */
export function cloneInstances(dataDir, templates, { batch = 2000 } = {}) {
  const db = new Database(path.join(dataDir, 'baton.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  try {
    const tables = tablesOf(db);
    const hasCandidates = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'task_candidates'").get();
    const out = [];
    for (const template of templates) {
      const rows = [];
      const ids = new Set([template.id]);
      for (const t of tables) {
        const found = db.prepare(`select * from "${t.name}" where "${t.key}" = ?`).all(template.id);
        for (const r of found) {
          if (t.name !== 'instances' && typeof r.id === 'string') ids.add(r.id);
          rows.push({ table: t, row: r });
        }
      }
      if (hasCandidates) {
        const taskIds = rows.filter((r) => r.table.name === 'tasks').map((r) => r.row.id);
        const cols = db.prepare('pragma table_info("task_candidates")').all().map((c) => c.name);
        for (const taskId of taskIds) {
          for (const r of db.prepare('select * from task_candidates where task_id = ?').all(taskId)) rows.push({ table: { name: 'task_candidates', cols, auto: [] }, row: r });
        }
      }
      const inserts = new Map();
      for (const { table } of rows) {
        if (inserts.has(table.name)) continue;
        const cols = table.cols.filter((c) => !table.auto.includes(c));
        inserts.set(table.name, { cols, stmt: db.prepare(`insert into "${table.name}" (${cols.map((c) => `"${c}"`).join(', ')}) values (${cols.map(() => '?').join(', ')})`) });
      }
      const oldIds = [...ids];
      const made = [];
      const cloneOne = (k) => {
        const map = oldIds.map((old) => [old, randomUUID()]);
        const subs = [...map, ...(template.subs?.(k) ?? [])];
        for (const { table, row } of rows) {
          const ins = inserts.get(table.name);
          const values = ins.cols.map((c) => {
            let v = row[c];
            if (typeof v === 'string') for (const [from, to] of subs) if (v.includes(from)) v = v.split(from).join(to);
            return v;
          });
          ins.stmt.run(values);
        }
        made.push(map[0][1]);
      };
      for (let k = 0; k < template.count; k += batch) {
        const n = Math.min(batch, template.count - k);
        db.transaction(() => {
          for (let j = 0; j < n; j += 1) cloneOne(k + j);
        })();
      }
      out.push(made);
    }
    return out;
  } finally {
    db.close();
  }
}
