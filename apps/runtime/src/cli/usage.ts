/** `baton help [COMMAND]`: the usage text, built from the command table so it never drifts. */
import { GLOBAL_OPTIONS, OPTIONS, type OptionName } from './args.js';
import type { Command } from './command.js';

function optionLine(name: OptionName): string {
  const o = OPTIONS[name];
  const flag = `--${name}${'value' in o ? ` ${o.value}` : ''}`;
  return `  ${flag.padEnd(24)} ${o.help}\n`;
}

export function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => `${c.name} ${c.usage}`.length));
  return [
    'usage: baton <command> [arguments] [options]\n\n',
    'Commands:\n',
    '  ' + 'serve'.padEnd(width) + '  start the runtime (PORT, HOST, BATON_DATA_DIR, DATABASE_URL, BATON_ADMIN_PASSWORD)\n',
    ...commands.map((c) => `  ${`${c.name} ${c.usage}`.trim().padEnd(width)}  ${c.summary}\n`),
    '  ' + 'help [COMMAND]'.padEnd(width) + '  show this, or one command with its options\n',
    '\nOptions for every command:\n',
    ...GLOBAL_OPTIONS.map(optionLine),
    '\nOutput is an aligned table (or a sentence); --json prints the API answer. Errors go to stderr\n',
    'as "error: CODE: message" with exit code 1.\n',
  ].join('');
}

export function commandUsage(command: Command): string {
  return [
    `usage: baton ${command.name}${command.usage ? ` ${command.usage}` : ''} [options]\n\n`,
    `${command.summary}\n`,
    ...(command.options.length ? ['\nOptions:\n', ...command.options.map(optionLine)] : []),
    '\nOptions for every command:\n',
    ...GLOBAL_OPTIONS.map(optionLine),
    ...(command.examples?.length ? ['\nExamples:\n', ...command.examples.map((e) => `  ${e}\n`)] : []),
  ].join('');
}
