/**
 * Per-request context: the services and the authenticated actor. The token comes from the
 * `Authorization: Bearer` header (API clients, workers) or the httpOnly `baton_session` cookie (web).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '../services/actor.js';
import type { Services } from '../services/services.js';

export const SESSION_COOKIE = 'baton_session';

export interface Context {
  services: Services;
  actor?: Actor;
  token?: string;
  req?: IncomingMessage;
  res?: ServerResponse;
}

export function readToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const cookie = req.headers.cookie;
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export async function createContext(services: Services, req: IncomingMessage, res: ServerResponse): Promise<Context> {
  const token = readToken(req);
  const actor = token ? await services.auth.authenticate(token) : undefined;
  return { services, req, res, ...(token ? { token } : {}), ...(actor ? { actor } : {}) };
}
