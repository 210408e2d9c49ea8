/**
 * instances.onEvent over real HTTP/SSE: backlog then live, in order, no duplicates, and a client that
 * reconnects with lastEventId gets exactly what it missed.
 */
import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeEvent } from '@baton/shared';
import { subscribe } from '../test-support/sse-client.js';
import { bpmn, createTestRuntime, type TestRuntime } from '../test-support/test-runtime.js';
import { createServer } from './server.js';

let rt: TestRuntime;
let server: http.Server;
let url: string;
let token: string;

beforeAll(async () => {
  rt = await createTestRuntime('sqlite');
  server = createServer({ services: rt.services, isReady: () => true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  token = (await rt.services.auth.login('admin', 'admin-password')).token;
  await rt.as(rt.admin).definitions.deploy({ xml: bpmn('two', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="a" /><userTask id="a" /><sequenceFlow id="g" sourceRef="a" targetRef="b" /><userTask id="b" /><sequenceFlow id="h" sourceRef="b" targetRef="e" /><endEvent id="e" />') });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rt.cleanup();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function completeOpenTask(instanceId: string) {
  const task = (await rt.as(rt.admin).tasks.list({ instanceId, status: 'open' })).items[0];
  await rt.as(rt.admin).tasks.claim({ id: task.id });
  await rt.as(rt.admin).tasks.complete({ id: task.id });
}

describe('instances.onEvent', () => {
  it('given an instance with history, then a subscriber gets the backlog and then live events, with ids to resume from', async () => {
    const { id } = await rt.as(rt.admin).instances.start({ key: 'two' });
    const got: { id?: string; data: unknown }[] = [];
    const stream = subscribe(url, 'instances.onEvent', { instanceId: id }, token, (m) => got.push(m));
    await stream.ready;
    await completeOpenTask(id);
    const all = (await rt.as(rt.admin).instances.history({ id })).items;
    for (let i = 0; i < 50 && got.length < all.length; i++) await wait(20);
    stream.close();
    expect(got.map((m) => (m.data as RuntimeEvent).seq)).toEqual(all.map((e) => e.seq));
    expect(got.map((m) => m.id)).toEqual(all.map((e) => String(e.seq)));

    // reconnect after seq 5: exactly the rest, then live
    const resumed: RuntimeEvent[] = [];
    const again = subscribe(url, 'instances.onEvent', { instanceId: id, lastEventId: '5' }, token, (m) => resumed.push(m.data as RuntimeEvent));
    await again.ready;
    await completeOpenTask(id);
    const final = (await rt.as(rt.admin).instances.history({ id })).items;
    for (let i = 0; i < 50 && resumed.length < final.length - 5; i++) await wait(20);
    again.close();
    expect(resumed.map((e) => e.seq)).toEqual(final.slice(5).map((e) => e.seq));
    expect(final.at(-1)!.type).toBe('instance.completed');
  });

  it('given no instance id, then a subscriber sees live events of every instance', async () => {
    const got: RuntimeEvent[] = [];
    const stream = subscribe(url, 'instances.onEvent', {}, token, (m) => got.push(m.data as RuntimeEvent));
    await stream.ready;
    const one = await rt.as(rt.admin).instances.start({ key: 'two' });
    const two = await rt.as(rt.admin).instances.start({ key: 'two' });
    for (let i = 0; i < 50 && new Set(got.map((e) => e.instanceId)).size < 2; i++) await wait(20);
    stream.close();
    expect(new Set(got.map((e) => e.instanceId))).toEqual(new Set([one.id, two.id]));
    expect(got.filter((e) => e.type === 'task.created')).toHaveLength(2);
  });

  it('given instances advancing concurrently, then every subscriber gets increasing ids and each instance in seq order, the same as the others', async () => {
    const streams = Array.from({ length: 5 }, () => {
      const got: { id?: string; data: unknown }[] = [];
      return { got, sub: subscribe(url, 'instances.onEvent', {}, token, (m) => got.push(m)) };
    });
    await Promise.all(streams.map((s) => s.sub.ready));
    const ids = (await Promise.all(Array.from({ length: 12 }, () => rt.as(rt.admin).instances.start({ key: 'two' })))).map((i) => i.id);
    await Promise.all(ids.map((id) => completeOpenTask(id)));
    const want = new Map(await Promise.all(ids.map(async (id) => [id, (await rt.as(rt.admin).instances.history({ id })).items.length] as const)));
    const total = [...want.values()].reduce((a, b) => a + b, 0);
    for (let i = 0; i < 100 && streams.some((s) => s.got.filter((m) => ids.includes((m.data as RuntimeEvent).instanceId)).length < total); i++) await wait(20);
    for (const s of streams) s.sub.close();
    for (const { got } of streams) {
      const gids = got.map((m) => Number(m.id));
      expect(gids).toEqual([...gids].sort((a, b) => a - b));
      expect(new Set(gids).size).toBe(gids.length);
      for (const id of ids) expect(got.map((m) => m.data as RuntimeEvent).filter((e) => e.instanceId === id).map((e) => e.seq)).toEqual(Array.from({ length: want.get(id)! }, (_, i) => i + 1));
      expect(got.map((m) => m.id)).toEqual(streams[0].got.map((m) => m.id));
    }
  });

  it('given a task worker, then the all-instances stream carries only task events, and one instance\'s history is refused', async () => {
    await rt.user('stream-worker', { groups: ['reviewers'] });
    const workerToken = (await rt.services.auth.login('stream-worker', 'password-123')).token;
    const got: RuntimeEvent[] = [];
    const stream = subscribe(url, 'instances.onEvent', {}, workerToken, (m) => got.push(m.data as RuntimeEvent));
    await stream.ready;
    const { id } = await rt.as(rt.admin).instances.start({ key: 'two' });
    for (let i = 0; i < 50 && !got.length; i++) await wait(20);
    await wait(100);
    stream.close();
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((e) => e.type.startsWith('task.'))).toBe(true);
    const one = await fetch(`${url}/trpc/instances.onEvent?input=${encodeURIComponent(JSON.stringify({ instanceId: id }))}`, { headers: { authorization: `Bearer ${workerToken}`, accept: 'text/event-stream' } });
    expect(await one.text()).toMatch(/FORBIDDEN/);
  });

  it('given no login, then the subscription is refused', async () => {
    const res = await fetch(`${url}/trpc/instances.onEvent?input=${encodeURIComponent('{}')}`, { headers: { accept: 'text/event-stream' } });
    const text = await res.text();
    expect(text).toMatch(/UNAUTHORIZED/);
  });
});
