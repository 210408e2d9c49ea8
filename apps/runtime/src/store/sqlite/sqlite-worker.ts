/**
 * The store worker thread: owns the better-sqlite3 connection and serves the runtime's Store calls
 * (sqlite-store.ts) through the group committer, so fsyncs happen here, off the event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { GroupCommitter } from './group-commit.js';
import { openSqliteKyselyStore } from './sqlite-dialect.js';
import { serializeError } from './store-errors.js';

const port = parentPort;
if (!port) throw new Error('sqlite-worker.ts runs as a worker thread (see sqlite-worker-store.ts)');

try {
  const { store, connection } = await openSqliteKyselyStore((workerData as { file: string }).file);
  const committer = new GroupCommitter(store, connection, (id, outcome) => {
    if (outcome.ok) port.postMessage({ id, ok: true, value: outcome.value });
    else port.postMessage({ id, ok: false, error: serializeError(outcome.error) });
  });
  port.on('message', (call: { id: number; method: string; args: unknown[] }) => committer.submit(call));
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ error: serializeError(error) });
}
