/**
 * `baton login`: exchanges a username and password for a bearer token and prints it, nothing else, so
 * `export BATON_TOKEN=$(baton login --username admin --password …)` works. Nothing is saved to disk.
 */
import { UsageError } from './cli-errors.js';
import type { Command } from './command.js';

export interface LoginResult {
  token: string;
  expiresAt?: string;
  user?: { username: string };
}

export const loginCommand: Command = {
  name: 'login',
  usage: '',
  summary: 'print a bearer token for --username/--password (or $BATON_USERNAME/$BATON_PASSWORD)',
  options: [],
  minArgs: 0,
  maxArgs: 0,
  auth: false,
  examples: ['export BATON_TOKEN=$(baton login --username admin --password "$ADMIN_PASSWORD")'],
  async run({ options, env, api, out }) {
    const username = options.username ?? env.BATON_USERNAME;
    const password = options.password ?? env.BATON_PASSWORD;
    if (!username || !password) throw new UsageError('login needs --username and --password (or $BATON_USERNAME and $BATON_PASSWORD)');
    const result = await api.mutation<LoginResult>('auth.login', { username, password });
    out.result(result, () => `${result.token}\n`);
  },
};
