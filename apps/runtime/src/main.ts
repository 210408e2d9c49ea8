#!/usr/bin/env node
/**
 * Composition root: config -> store -> engine host -> services -> http. The only file that knows the
 * concrete database, port and engine options. `serve` is the default command; the rest of the CLI
 * lives in cli.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
import { createServer } from './http/server.js';
import { createServices } from './services/services.js';
import { openSqliteStore } from './store/sqlite/sqlite-store.js';
import { openPostgresStore } from './store/postgres/postgres-dialect.js';
import type { Store } from './store/store.js';
import { createEngineOptions } from './engine/engine-options.js';
import type { EngineRunner } from './engine/engine-runner.js';
import { EnginePool } from './engine/worker/engine-pool.js';
import { startPgBridge } from './events/pg-bridge.js';

export async function openStore(config: Config, options: { onFatal?: (error: Error) => void } = {}): Promise<Store> {
  return config.databaseUrl ? openPostgresStore(config.databaseUrl) : openSqliteStore(path.join(config.dataDir, 'baton.sqlite'), options);
}

function defaultWebDir() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../web/dist');
}

export async function serve(config: Config = loadConfig()) {
  const logger = createLogger(config.logLevel);
  const started = Date.now();
  // the engine workers (QuickJS, bpmn-engine) start while the database opens and migrates
  const opened: { store?: Store } = {};
  const engineReady = createEngineRunner(config, () => opened.store, (error) => {
    logger.fatal({ err: error }, 'an engine worker is gone; exiting');
    process.exit(1);
  });
  engineReady.catch(() => undefined); // awaited below; a failure is reported there
  const store = await openStore(config, {
    // the SQLite worker thread died: serving on would fail every request; exit and be restarted
    onFatal: (error) => {
      logger.fatal({ err: error }, 'the database is gone; exiting');
      process.exit(1);
    },
  });
  opened.store = store;
  await store.migrate();
  const engine = await engineReady;
  const services = createServices({ store, logger, engine, sessionTtlMs: config.sessionTtlMs });
  const bridge = config.databaseUrl ? await startPgBridge(config.databaseUrl, services.hub, store, logger) : undefined;
  const admin = await services.auth.bootstrapAdmin(config.adminPassword);
  let ready = false;
  const webDir = config.webDir ?? defaultWebDir();
  const server = createServer({ services, webDir, isReady: () => ready });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  services.scheduler.start();
  ready = true;
  const url = `http://${config.host}:${port}`;
  logger.info({ url, database: store.dialect, dataDir: config.databaseUrl ? undefined : config.dataDir, startupMs: Date.now() - started, web: existsSync(webDir) }, 'Baton is ready');
  process.stdout.write(`\n  Baton is running at ${url}\n`);
  if (admin.generatedPassword) {
    process.stdout.write(`  First start: log in as "admin" with password ${admin.generatedPassword}\n  (shown once; set BATON_ADMIN_PASSWORD to choose it yourself)\n`);
  } else if (admin.created) {
    process.stdout.write('  First start: log in as "admin" with the password from BATON_ADMIN_PASSWORD\n');
  }
  process.stdout.write('\n');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ready = false;
    logger.info({ signal }, 'draining: finishing in-flight commands before exit');
    server.closeIdleConnections?.();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await services.scheduler.stop();
    // SSE streams never end by themselves: give requests a moment, then cut the rest
    await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
    server.closeAllConnections?.();
    services.host.evictAll();
    await services.host.close?.();
    await bridge?.close();
    await store.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return { server, services, url };
}

/**
 * One engine thread per core, at most 4 (each is a V8 heap of its own, ~30 MB before any engine). On
 * 2 cores two engine threads beat one: 205 vs 160 straight-through instances/s here, because the
 * engines then take whatever core the HTTP and database threads leave free.
 */
function defaultEngineThreads() {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/**
 * The engines run in worker threads (EnginePool) by default when built: bpmn-engine is most of an
 * instance's CPU, and off the event loop it runs beside HTTP and on the second core. From TypeScript
 * source (tests) they run in this thread — a worker would compile the engine with tsx on every start.
 * BATON_ENGINE_THREADS chooses (0: in this thread).
 */
async function createEngineRunner(config: Config, store: () => Store | undefined, onFatal: (error: Error) => void): Promise<EngineRunner | Awaited<ReturnType<typeof createEngineOptions>>> {
  const threads = config.engineThreads ?? (import.meta.url.endsWith('.ts') ? 0 : defaultEngineThreads());
  if (threads === 0) return createEngineOptions({ scriptsEnabled: config.scriptsEnabled, cacheSize: config.engineCacheSize });
  return EnginePool.start({
    threads,
    scriptsEnabled: config.scriptsEnabled,
    cacheSize: config.engineCacheSize,
    xmlOf: async (definitionId) => {
      const row = await store()?.getDefinition(definitionId);
      if (!row) throw new Error(`definition ${definitionId} does not exist`);
      return row.xml;
    },
    onFatal,
  });
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (invokedDirectly) {
  const command = process.argv[2] ?? 'serve';
  if (command === 'serve') {
    serve().catch((error: Error) => {
      process.stderr.write(`Baton could not start: ${error.message}\n`);
      process.exit(1);
    });
  } else {
    import('./cli.js').then((cli) => cli.main(process.argv.slice(2))).catch((error: Error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    });
  }
}
