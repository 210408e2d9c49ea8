import { pino, type Logger } from 'pino';

/** Structured JSON logs; instance-scoped lines carry instanceId / definitionId fields. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { service: 'baton-runtime' } });
}
export type { Logger };
