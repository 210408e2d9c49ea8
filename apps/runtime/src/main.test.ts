/** The composition root as a user starts it: configuration, first-start admin, SIGTERM drain. */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpApi, RUNTIME_MAIN, startRuntime } from './test-support/runtime-process.js';
import { bpmn } from './test-support/test-runtime.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe('baton serve', () => {
  it('given no admin password, then the first start prints a generated one that logs in, and later starts do not', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'baton-main-'));
    dirs.push(dataDir);
    const first = await startRuntime({ BATON_DATA_DIR: dataDir, BATON_ADMIN_PASSWORD: '' });
    await new Promise((r) => setTimeout(r, 200));
    const password = /password (\S+)/.exec(first.output())?.[1];
    expect(first.output()).toContain(`Baton is running at ${first.url}`);
    expect(password).toBeDefined();
    const api = await new HttpApi(first.url).login('admin', password!);
    await api.mutation('definitions.deploy', { xml: bpmn('keepme', '<startEvent id="s" /><sequenceFlow id="f" sourceRef="s" targetRef="t" /><userTask id="t" />') });
    const { id } = await api.mutation<{ id: string }>('instances.start', { key: 'keepme' });

    // SIGTERM drains and exits cleanly
    const exited = new Promise<number | null>((resolve) => first.child.once('exit', (code) => resolve(code)));
    first.child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const second = await startRuntime({ BATON_DATA_DIR: dataDir, BATON_ADMIN_PASSWORD: '' });
    expect(second.output()).not.toContain('First start');
    const again = await new HttpApi(second.url).login('admin', password!);
    expect((await again.query<{ status: string }>('instances.get', { id })).status).toBe('running');
    await second.kill('SIGKILL');
  });

  it('given a bad configuration, then it refuses to start and names the setting', () => {
    const result = spawnSync(process.execPath, [RUNTIME_MAIN, 'serve'], { env: { ...process.env, PORT: 'eighty', DATABASE_URL: '' }, encoding: 'utf8', timeout: 20_000 });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('PORT');
    const pg = spawnSync(process.execPath, [RUNTIME_MAIN, 'serve'], { env: { ...process.env, DATABASE_URL: 'mysql://x' }, encoding: 'utf8', timeout: 20_000 });
    expect(pg.status).toBe(1);
    expect(pg.stderr).toContain('DATABASE_URL must start with postgres://');
  });
});
