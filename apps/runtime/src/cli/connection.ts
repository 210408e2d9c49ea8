/**
 * Where the CLI connects and as whom, in this order:
 *   url:   --url, $BATON_URL, the saved session's URL, http://127.0.0.1:3000
 *   token: --username/--password (or $BATON_USERNAME/$BATON_PASSWORD: logs in for this command),
 *          --token, $BATON_TOKEN, the saved session (same URL, not expired)
 */
import { ApiClient } from './api-client.js';
import type { OptionValues } from './args.js';
import { UsageError } from './cli-errors.js';
import type { LoginResult } from './login-command.js';
import { isExpired, loadSession, sessionFile } from './session-file.js';

export const DEFAULT_URL = 'http://127.0.0.1:3000';

const sameUrl = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

export async function connect(options: OptionValues, env: Record<string, string | undefined>, needsAuth: boolean): Promise<ApiClient> {
  const saved = await loadSession(sessionFile(env));
  const url = options.url ?? env.BATON_URL ?? saved?.url ?? DEFAULT_URL;
  const usable = saved && sameUrl(saved.url, url) && !isExpired(saved) ? saved : undefined;
  const api = new ApiClient(url, options.token ?? env.BATON_TOKEN ?? usable?.token);
  if (!needsAuth || options.token) return api;
  const username = options.username ?? env.BATON_USERNAME;
  const password = options.password ?? env.BATON_PASSWORD;
  if (username && password) api.setToken((await api.mutation<LoginResult>('auth.login', { username, password })).token);
  else if (!api.hasToken) {
    const why = saved && sameUrl(saved.url, url) ? `the saved session expired at ${saved.expiresAt}` : 'not logged in';
    throw new UsageError(`${why}: pass --token or set BATON_TOKEN, run \`baton login --save\`, or pass --username and --password`);
  }
  return api;
}
