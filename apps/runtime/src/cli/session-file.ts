/**
 * The one thing the CLI ever writes: `baton login --save` keeps `{url, token, expiresAt}` in
 * `$XDG_CONFIG_HOME/baton/session.json` (default `~/.config/baton/session.json`, mode 0600) so later
 * commands need no --token. It is used only for the URL it was saved for and only until it expires;
 * --token and $BATON_TOKEN always win. `baton logout` removes it.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface SavedSession {
  url: string;
  token: string;
  expiresAt?: string;
  username?: string;
}

export function sessionFile(env: Record<string, string | undefined>): string {
  const config = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(config, 'baton', 'session.json');
}

export async function loadSession(file: string): Promise<SavedSession | undefined> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as Partial<SavedSession>;
    return typeof saved.url === 'string' && typeof saved.token === 'string' ? (saved as SavedSession) : undefined;
  } catch {
    return undefined;
  }
}

export function isExpired(session: SavedSession, now = Date.now()): boolean {
  return Boolean(session.expiresAt && new Date(session.expiresAt).getTime() <= now);
}

export async function saveSession(file: string, session: SavedSession): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
}

export async function removeSession(file: string): Promise<boolean> {
  try {
    await rm(file);
    return true;
  } catch {
    return false;
  }
}
