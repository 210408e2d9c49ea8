/**
 * What a `baton` subcommand is: its usage line, the options it takes, and `run`, which gets the
 * parsed arguments, an API client already holding a token (unless `auth: false`), and an output that
 * prints either the human form or, with `--json`, the API's answer.
 */
import type { ApiClient } from './api-client.js';
import type { OptionName, OptionValues } from './args.js';

export interface Output {
  /** with --json, prints `data` as JSON; otherwise prints what `human()` returns */
  result(data: unknown, human: () => string): void;
  stdout(text: string): void;
  stderr(text: string): void;
  readonly json: boolean;
}

export interface CommandContext {
  args: string[];
  options: OptionValues;
  api: ApiClient;
  out: Output;
  env: Record<string, string | undefined>;
  readFile(path: string): Promise<string>;
}

export interface Command {
  name: string;
  /** positional arguments in the usage line, e.g. `FILE...` */
  usage: string;
  summary: string;
  options: OptionName[];
  minArgs: number;
  maxArgs: number;
  /** needs a token (default true) */
  auth?: boolean;
  examples?: string[];
  run(ctx: CommandContext): Promise<void>;
}
