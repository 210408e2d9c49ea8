/**
 * Command-line parsing with node:util `parseArgs`: every option is declared once here with its help
 * text; each command lists the options it accepts beyond the global ones, and any other option is a
 * usage error naming it (a typo never silently does nothing).
 */
import { parseArgs } from 'node:util';
import { UsageError } from './cli-errors.js';

export const OPTIONS = {
  url: { type: 'string', value: 'URL', help: 'the runtime (default: $BATON_URL or http://127.0.0.1:3000)' },
  token: { type: 'string', value: 'TOKEN', help: 'bearer token (default: $BATON_TOKEN)' },
  username: { type: 'string', value: 'USER', help: 'log in on the fly instead of --token (or $BATON_USERNAME)' },
  password: { type: 'string', value: 'PASS', help: 'password for --username (or $BATON_PASSWORD)' },
  json: { type: 'boolean', help: 'print the API answer as JSON instead of a table' },
  help: { type: 'boolean', short: 'h', help: 'show usage' },
  var: { type: 'string', multiple: true, value: 'NAME=VALUE', help: 'a variable; VALUE is JSON when it parses, else a string (repeatable)' },
  'business-key': { type: 'string', value: 'BK', help: 'business key' },
  'correlation-key': { type: 'string', value: 'CK', help: 'correlation key of the waiting message catch' },
  version: { type: 'string', value: 'N', help: 'definition version (default: latest)' },
  status: { type: 'string', value: 'STATUS', help: 'filter by status' },
  key: { type: 'string', value: 'KEY', help: 'filter by process key' },
  assignee: { type: 'string', value: 'USER', help: 'filter by assignee' },
  group: { type: 'string', value: 'GROUP', help: 'filter by candidate group' },
  instance: { type: 'string', value: 'ID', help: 'filter by instance id' },
  retries: { type: 'string', value: 'N', help: 'retries to give the job again (default 1)' },
  limit: { type: 'string', value: 'N', help: 'at most N rows (default 50)' },
  all: { type: 'boolean', help: 'include resolved incidents / correlate every waiting instance' },
  save: { type: 'boolean', help: 'keep the session in ~/.config/baton/session.json for later commands' },
} as const;

export type OptionName = keyof typeof OPTIONS;
export const GLOBAL_OPTIONS: OptionName[] = ['url', 'token', 'username', 'password', 'json', 'help'];

export type OptionValues = { [K in OptionName]?: (typeof OPTIONS)[K] extends { multiple: true } ? string[] : (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

export interface ParsedArgs {
  positionals: string[];
  options: OptionValues;
}

export function parseCommandLine(argv: string[]): ParsedArgs {
  const spec = Object.fromEntries(
    Object.entries(OPTIONS).map(([name, o]) => [name, { type: o.type, ...('multiple' in o ? { multiple: true } : {}), ...('short' in o ? { short: o.short } : {}) }]),
  ) as Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;
  try {
    const { values, positionals } = parseArgs({ args: argv, options: spec, allowPositionals: true, strict: true });
    return { positionals, options: { ...values } as OptionValues };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/^Unknown option/, 'unknown option').replace(/\. To specify a positional.*$/s, ''));
  }
}

/** refuses options the command does not take */
export function checkOptions(command: string, options: OptionValues, allowed: readonly OptionName[]) {
  for (const name of Object.keys(options) as OptionName[]) {
    if (options[name] === undefined || GLOBAL_OPTIONS.includes(name) || allowed.includes(name)) continue;
    throw new UsageError(`option --${name} does not apply to "baton ${command}" (see baton help ${command})`);
  }
}

export function intOption(name: OptionName, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}; got "${value}"`);
  return n;
}
