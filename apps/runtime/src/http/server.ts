/**
 * The HTTP server: /trpc (API + SSE), /healthz, /metrics and the built web app with SPA fallback.
 * Cookie-authenticated mutations must carry a non-simple header (CSRF): a cross-site form cannot send
 * `content-type: application/json` or `x-baton-csrf` without a CORS preflight, which we never grant.
 */
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { LIMITS } from '@baton/shared';
import type { Services } from '../services/services.js';
import { appRouter } from './_app.js';
import { createContext } from './context.js';
import { createEventStreamHandler, EVENT_STREAM_PATH } from './event-stream-handler.js';

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Content-Security-Policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

export interface ServerOptions {
  services: Services;
  webDir?: string;
  isReady: () => boolean;
}

export function createServer(options: ServerOptions): http.Server {
  const { services } = options;
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: LIMITS.xmlBytes * 2 + 64_000,
    createContext: ({ req, res }) => createContext(services, req, res),
    onError: ({ error, path: procedure }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') services.logger.error({ procedure, err: error.cause?.message ?? error.message, stack: error.cause?.stack }, 'procedure failed');
    },
  });

  // instances.onEvent over SSE: one serialisation per event for all connections (see event-push.ts)
  const eventStream = createEventStreamHandler(services);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      const ready = options.isReady();
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ready ? 'ok' : 'starting' }));
      return;
    }
    if (url.pathname === '/metrics') {
      services.metrics.registry
        .metrics()
        .then((body) => {
          res.writeHead(200, { 'content-type': services.metrics.registry.contentType });
          res.end(body);
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
      return;
    }
    if (url.pathname.startsWith('/trpc/')) {
      if (req.method === 'POST' && !req.headers.authorization && req.headers.cookie) {
        const type = req.headers['content-type'] ?? '';
        if (!type.startsWith('application/json') && !req.headers['x-baton-csrf']) {
          res.writeHead(403, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'cookie-authenticated requests need the header x-baton-csrf or content-type application/json', code: 'FORBIDDEN' } }));
          return;
        }
      }
      if (url.pathname === EVENT_STREAM_PATH) eventStream.handle(req, res, url, () => trpc(req, res));
      else trpc(req, res);
      return;
    }
    serveStatic(options.webDir, url.pathname, res);
  });
  server.on('close', () => eventStream.close());
  return server;
}

function serveStatic(webDir: string | undefined, pathname: string, res: http.ServerResponse) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (!webDir || !existsSync(path.join(webDir, 'index.html'))) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('The web app is not built. Run `npm run build` (npm start does this for you).');
    return;
  }
  const safe = path.normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(webDir, safe);
  if (!file.startsWith(webDir) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(webDir, 'index.html');
  const ext = path.extname(file);
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, { 'content-type': TYPES[ext] ?? 'application/octet-stream', 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache' });
  createReadStream(file).pipe(res);
}
