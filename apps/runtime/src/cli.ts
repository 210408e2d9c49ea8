#!/usr/bin/env node
/**
 * The `baton` command: `serve` starts the runtime (main.ts); every other command talks to a running
 * runtime over plain HTTP (cli/api-client.ts) and imports no server code, so it starts fast.
 *
 * Connection (cli/connection.ts): --url / $BATON_URL (default http://127.0.0.1:3000); --token /
 * $BATON_TOKEN, --username/--password to log in for this one command, or a `baton login --save` session.
 * Output: a table or a sentence on stdout, the API answer with --json; errors on stderr as
 * `error: CODE: message` with exit code 1.
 */
import { readFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkOptions, parseCommandLine } from './cli/args.js';
import { ApiError, ConnectionError, UsageError } from './cli/cli-errors.js';
import type { Output } from './cli/command.js';
import { COMMANDS } from './cli/commands.js';
import { connect } from './cli/connection.js';
import { commandUsage, usage } from './cli/usage.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  readFile(path: string): Promise<string>;
}

const defaultIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  readFile: (path) => readFile(path, 'utf8'),
});

/** runs one command line; returns the exit code (and sets process.exitCode to it) */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const code = await run(argv, io);
  process.exitCode = code;
  return code;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const command = COMMANDS.find((c) => c.name === rest[0]);
    io.stdout(command ? commandUsage(command) : usage(COMMANDS));
    return rest[0] && !command && rest[0] !== 'serve' ? fail(io, new UsageError(`unknown command "${rest[0]}"`)) : 0;
  }
  if (name === 'serve') {
    const { serve } = await import('./main.js');
    await serve();
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) return fail(io, new UsageError(`unknown command "${name}"`));
  try {
    const { positionals, options } = parseCommandLine(rest);
    if (options.help) {
      io.stdout(commandUsage(command));
      return 0;
    }
    checkOptions(command.name, options, command.options);
    if (positionals.length < command.minArgs) throw new UsageError(`baton ${command.name} needs ${command.usage}`);
    if (positionals.length > command.maxArgs) throw new UsageError(`baton ${command.name} takes ${command.maxArgs ? command.usage : 'no arguments'}; got "${positionals.join(' ')}"`);

    const api = await connect(options, io.env, command.auth !== false);
    const json = Boolean(options.json);
    const out: Output = {
      json,
      stdout: io.stdout,
      stderr: io.stderr,
      result: (data, human) => io.stdout(json ? `${JSON.stringify(data, null, 2)}\n` : human()),
    };
    await command.run({ args: positionals, options, api, out, env: io.env, readFile: io.readFile });
    return 0;
  } catch (error) {
    return fail(io, error);
  }
}

function fail(io: CliIo, error: unknown): number {
  if (error instanceof ApiError) io.stderr(`error: ${error.code}: ${error.message}\n`);
  else if (error instanceof UsageError) io.stderr(`error: ${error.message}\n(see baton help)\n`);
  else if (error instanceof ConnectionError || error instanceof Error) io.stderr(`error: ${error.message}\n`);
  else io.stderr(`error: ${String(error)}\n`);
  return 1;
}

function invokedDirectly(): boolean {
  if (!process.argv[1]) return false;
  try {
    // through npm's bin symlink argv[1] is the link; compare real paths
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).catch((error: Error) => {
    process.stderr.write(`error: ${error.stack ?? error.message}\n`);
    process.exitCode = 1;
  });
}
