/**
 * `baton login`: exchanges a username and password for a bearer token and prints it, nothing else, so
 * `export BATON_TOKEN=$(baton login --username admin --password …)` works. Nothing is saved to disk
 * unless asked with --save (see session-file.ts). `baton logout` ends the session and removes the file.
 */
import { ApiError, UsageError } from './cli-errors.js';
import type { Command } from './command.js';
import { removeSession, saveSession, sessionFile } from './session-file.js';

export interface LoginResult {
  token: string;
  expiresAt?: string;
  user?: { username: string };
}

export const loginCommand: Command = {
  name: 'login',
  usage: '',
  summary: 'print a bearer token for --username/--password (or $BATON_USERNAME/$BATON_PASSWORD)',
  options: ['save'],
  minArgs: 0,
  maxArgs: 0,
  auth: false,
  examples: ['export BATON_TOKEN=$(baton login --username admin --password "$ADMIN_PASSWORD")', 'baton login --save --username admin --password "$ADMIN_PASSWORD"'],
  async run({ options, env, api, out }) {
    const username = options.username ?? env.BATON_USERNAME;
    const password = options.password ?? env.BATON_PASSWORD;
    if (!username || !password) throw new UsageError('login needs --username and --password (or $BATON_USERNAME and $BATON_PASSWORD)');
    const result = await api.mutation<LoginResult>('auth.login', { username, password });
    if (!options.save) {
      out.result(result, () => `${result.token}\n`);
      return;
    }
    const file = sessionFile(env);
    await saveSession(file, { url: api.url, token: result.token, ...(result.expiresAt ? { expiresAt: result.expiresAt } : {}), username });
    out.result({ ...result, savedTo: file }, () => `logged in to ${api.url} as ${username}; session saved to ${file}${result.expiresAt ? ` (until ${result.expiresAt})` : ''}\n`);
  },
};

export const logoutCommand: Command = {
  name: 'logout',
  usage: '',
  summary: 'end the session of the current token and remove a saved session',
  options: [],
  minArgs: 0,
  maxArgs: 0,
  auth: false,
  async run({ env, api, out }) {
    let revoked = false;
    if (api.hasToken) {
      try {
        await api.mutation('auth.logout');
        revoked = true;
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'UNAUTHORIZED')) throw error;
      }
    }
    const file = sessionFile(env);
    const removed = await removeSession(file);
    out.result({ revoked, removed: removed ? file : null }, () => `${revoked ? 'logged out' : 'no active session'}${removed ? `; removed ${file}` : ''}\n`);
  },
};
