/** The command table of `baton` (besides `serve` and `help`), in the order usage lists them. */
import type { Command } from './command.js';
import { deployCommand } from './deploy-command.js';
import { correlateCommand, signalCommand } from './event-commands.js';
import { incidentsCommand, retryCommand } from './incident-commands.js';
import { instancesCommand, startCommand } from './instance-commands.js';
import { loginCommand, logoutCommand } from './login-command.js';
import { completeCommand, tasksCommand } from './task-commands.js';

export const COMMANDS: readonly Command[] = [
  deployCommand,
  startCommand,
  instancesCommand,
  tasksCommand,
  completeCommand,
  correlateCommand,
  signalCommand,
  incidentsCommand,
  retryCommand,
  loginCommand,
  logoutCommand,
];
