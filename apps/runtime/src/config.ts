/**
 * Configuration: the environment, parsed once with zod at start-up. Nothing else reads process.env.
 */
import { z } from 'zod';
import path from 'node:path';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  BATON_DATA_DIR: z.string().default('./data'),
  BATON_ADMIN_PASSWORD: z.string().min(8, 'BATON_ADMIN_PASSWORD must be at least 8 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BATON_SCRIPTS: z.enum(['on', 'off']).default('on'),
  BATON_ENGINE_CACHE: z.coerce.number().int().min(0).default(500),
  /** engine worker threads; 0 runs the engines on the main thread */
  BATON_ENGINE_THREADS: z.coerce.number().int().min(0).max(64).optional(),
  BATON_WEB_DIR: z.string().optional(),
  BATON_SESSION_TTL_HOURS: z.coerce.number().positive().default(168),
  BATON_NODE_ID: z.string().optional(),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  adminPassword?: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  scriptsEnabled: boolean;
  engineCacheSize: number;
  /** undefined: the runtime picks (see main.ts) */
  engineThreads?: number;
  webDir?: string;
  sessionTtlMs: number;
  nodeId?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // an empty variable means "not set" (as `FOO= npm start` does in a shell)
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.DATABASE_URL && !/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) {
    throw new Error('Invalid configuration: DATABASE_URL must start with postgres:// (leave it unset for embedded SQLite)');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.BATON_DATA_DIR),
    adminPassword: e.BATON_ADMIN_PASSWORD,
    logLevel: e.LOG_LEVEL,
    scriptsEnabled: e.BATON_SCRIPTS === 'on',
    engineCacheSize: e.BATON_ENGINE_CACHE,
    engineThreads: e.BATON_ENGINE_THREADS,
    webDir: e.BATON_WEB_DIR,
    sessionTtlMs: e.BATON_SESSION_TTL_HOURS * 3_600_000,
    nodeId: e.BATON_NODE_ID,
  };
}
