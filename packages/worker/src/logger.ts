/**
 * The worker's logging seam: anything with `debug/info/warn/error(message, fields)` fits (pino's
 * argument order differs; wrap it). The default writes warnings and errors as JSON lines to stderr.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LEVELS)[number] | 'silent';

export function jsonLogger(level: LogLevel = 'warn', write: (line: string) => void = (line) => process.stderr.write(line)): Logger {
  const min = level === 'silent' ? LEVELS.length : LEVELS.indexOf(level);
  const at = (lvl: (typeof LEVELS)[number]) => (message: string, fields: Record<string, unknown> = {}) => {
    if (LEVELS.indexOf(lvl) < min) return;
    write(`${JSON.stringify({ level: lvl, time: new Date().toISOString(), msg: message, ...fields })}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
