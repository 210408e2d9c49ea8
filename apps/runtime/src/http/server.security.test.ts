/**
 * The HTTP edge as an attacker meets it: real server on a real port, real SQLite file.
 */
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestRuntime, type TestRuntime } from '../test-support/test-runtime.js';
import { createServer } from './server.js';

let rt: TestRuntime;
let server: http.Server;
let url: string;

beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
  server = createServer({ services: rt.services, isReady: () => true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rt.cleanup();
});

const post = (procedure: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/trpc/${procedure}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function login() {
  const res = await post('auth.login', { username: 'admin', password: 'admin-password' });
  const cookie = res.headers.get('set-cookie')!;
  const body = (await res.json()) as { result: { data: { token: string } } };
  return { cookie, token: body.result.data.token };
}

describe('HTTP edge', () => {
  it('given a login, then the session cookie is httpOnly and SameSite=Strict', async () => {
    const { cookie } = await login();
    expect(cookie).toMatch(/^baton_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });

  it('given a cookie-authenticated mutation without a non-simple header (CSRF), then 403; with it, accepted', async () => {
    const { cookie } = await login();
    const sessionCookie = cookie.split(';')[0];
    const simple = await fetch(`${url}/trpc/instances.start`, { method: 'POST', headers: { cookie: sessionCookie, 'content-type': 'text/plain' }, body: '{"key":"x"}' });
    expect(simple.status).toBe(403);
    const form = await fetch(`${url}/trpc/instances.start`, { method: 'POST', headers: { cookie: sessionCookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'key=x' });
    expect(form.status).toBe(403);
    const proper = await fetch(`${url}/trpc/instances.start`, { method: 'POST', headers: { cookie: sessionCookie, 'content-type': 'application/json', 'x-baton-csrf': '1' }, body: '{"key":"x"}' });
    expect(proper.status).toBe(404); // authenticated and accepted; the process simply does not exist
  });

  it('given forged or expired tokens, then 401', async () => {
    const forged = await fetch(`${url}/trpc/tasks.list`, { headers: { authorization: 'Bearer forged-token' } });
    expect(forged.status).toBe(401);
    const { token } = await login();
    await rt.services.store.insertSession({ tokenHash: 'x', userId: rt.admin.userId, createdAt: '2000-01-01T00:00:00.000Z', expiresAt: '2000-01-02T00:00:00.000Z' });
    const ok = await fetch(`${url}/trpc/tasks.list`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    await post('auth.logout', null, { authorization: `Bearer ${token}` });
    const afterLogout = await fetch(`${url}/trpc/tasks.list`, { headers: { authorization: `Bearer ${token}` } });
    expect(afterLogout.status).toBe(401);
  });

  it('given repeated wrong passwords, then logins are rate-limited (429) even with the right password', async () => {
    await rt.user('victim');
    for (let i = 0; i < 10; i++) expect((await post('auth.login', { username: 'victim', password: 'wrong-password' })).status).toBe(401);
    const blocked = await post('auth.login', { username: 'victim', password: 'password-123' });
    expect(blocked.status).toBe(429);
  });

  it('given a 10 MB body, then it is refused without being stored', async () => {
    const { token } = await login();
    const res = await post('definitions.deploy', { xml: 'x'.repeat(10_000_000) }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(413);
    expect((await rt.services.store.listDefinitions()).length).toBe(0);
  });

  it('given malformed JSON, then 400', async () => {
    const { token } = await login();
    const res = await post('instances.start', '{"key":', { authorization: `Bearer ${token}` });
    expect(res.status).toBe(400);
  });

  it('given SQL-ish strings in text fields, then they are stored and returned verbatim', async () => {
    const { token } = await login();
    const name = `x'); DROP TABLE users; --`;
    const res = await post('diagrams.save', { name, xml: '<definitions/>' }, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    const list = await fetch(`${url}/trpc/diagrams.list`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await list.json()) as { result: { data: { items: { name: string }[] } } };
    expect(body.result.data.items.map((d) => d.name)).toContain(name);
    expect(await rt.services.store.countUsers()).toBeGreaterThan(0);
  });

  it('given a page request, then security headers are set', async () => {
    const res = await fetch(`${url}/`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('serves /healthz and /metrics', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('baton_instances_started_total');
    expect(metrics).toContain('baton_commit_seconds');
  });
});
