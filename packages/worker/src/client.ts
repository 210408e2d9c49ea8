/**
 * A typed tRPC client for the Baton runtime. Every procedure of the API is available with its input
 * and output types (`client.instances.start.mutate({ key })`), taken from the runtime's `AppRouter`.
 *
 * Batching is on by default (calls made in the same tick share one HTTP request). A long-polling
 * caller (the job worker) turns it off: a batched request answers only when its slowest call does, so
 * a `jobs.complete` batched with a 20 s `jobs.fetchAndLock` would wait 20 s.
 */
import { createTRPCClient, httpBatchLink, httpLink, type TRPCClient } from '@trpc/client';
import type { AppRouter } from '@baton/runtime';

export type BatonClient = TRPCClient<AppRouter>;

/** a bearer token, or a function that returns the current one (called before every request) */
export type TokenSource = string | (() => string | Promise<string>);

export interface ClientOptions {
  /** the runtime's base URL, e.g. `http://127.0.0.1:3000` (the API is at `<url>/trpc`) */
  url: string;
  token?: TokenSource;
  /** share one HTTP request between calls made in the same tick (default true) */
  batch?: boolean;
  /** a fetch implementation (default: the global fetch) */
  fetch?: typeof globalThis.fetch;
}

export function trpcUrl(url: string): string {
  const base = url.replace(/\/+$/, '');
  return base.endsWith('/trpc') ? base : `${base}/trpc`;
}

export function createClient(options: ClientOptions): BatonClient {
  const headers = async (): Promise<Record<string, string>> => {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    return token ? { authorization: `Bearer ${token}` } : {};
  };
  const linkOptions = { url: trpcUrl(options.url), headers, ...(options.fetch ? { fetch: options.fetch } : {}) };
  return createTRPCClient<AppRouter>({ links: [options.batch === false ? httpLink(linkOptions) : httpBatchLink(linkOptions)] });
}

/** logs in with a username and password and returns the bearer token */
export async function login(options: { url: string; username: string; password: string; fetch?: typeof globalThis.fetch }): Promise<string> {
  const client = createClient({ url: options.url, batch: false, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const { token } = await client.auth.login.mutate({ username: options.username, password: options.password });
  return token;
}

/**
 * A token source that logs in on first use and again shortly before the session expires, for
 * long-running workers (a plain token stops working when its session ends).
 */
export function passwordToken(options: { url: string; username: string; password: string; fetch?: typeof globalThis.fetch }): () => Promise<string> {
  const client = createClient({ url: options.url, batch: false, ...(options.fetch ? { fetch: options.fetch } : {}) });
  let current: { token: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;
  return () => {
    if (current && Date.now() < current.renewAt) return Promise.resolve(current.token);
    pending ??= client.auth.login
      .mutate({ username: options.username, password: options.password })
      .then(({ token, expiresAt }) => {
        const expires = new Date(expiresAt).getTime();
        current = { token, renewAt: Number.isFinite(expires) ? expires - Math.min(300_000, (expires - Date.now()) / 10) : Date.now() + 3_600_000 };
        return token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
