/**
 * The BUILT `baton` command (dist/cli.js) as a child process against the BUILT runtime: every command
 * with its table and --json output, and its exit code and error text.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, CLI, eventually, HttpApi, runCli, startRuntime, type CliRuntime as RuntimeProcess } from './test-support/runtime-process.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const ORDER = path.join(here, 'cli-order.bpmn');
const ALARM = path.join(here, 'cli-alarm.bpmn');

let rt: RuntimeProcess;
let http: HttpApi;
let env: Record<string, string | undefined>;
let tmp: string;
const baton = (...args: string[]) => runCli(args, env);
const lines = (text: string) => text.trimEnd().split('\n');

beforeAll(async () => {
  rt = await startRuntime();
  http = new HttpApi(rt.url);
  const token = (await http.login('admin', ADMIN_PASSWORD)).token!;
  env = { BATON_URL: rt.url, BATON_TOKEN: token, BATON_USERNAME: undefined, BATON_PASSWORD: undefined };
  tmp = mkdtempSync(path.join(os.tmpdir(), 'baton-cli-files-'));
  // a saved session of the person running the tests must not leak in (nor ours out)
  process.env.XDG_CONFIG_HOME = path.join(tmp, 'config');
}, 60_000);

afterAll(async () => {
  delete process.env.XDG_CONFIG_HOME;
  await rt?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('baton help', { timeout: 30_000 }, () => {
  it('given no arguments or help, then usage lists every command and exits 0', async () => {
    for (const args of [[], ['help']]) {
      const r = await runCli(args, {});
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('usage: baton <command>');
      for (const name of ['serve', 'deploy FILE...', 'start KEY', 'instances', 'tasks', 'complete TASK', 'correlate NAME', 'signal NAME', 'incidents', 'retry INCIDENT', 'login', 'logout']) {
        expect(r.stdout).toContain(name);
      }
    }
    const one = await runCli(['help', 'start'], {});
    expect(one.stdout).toContain('usage: baton start KEY [options]');
    expect(one.stdout).toContain('--business-key BK');
    expect((await runCli(['start', '--help'], {})).stdout).toBe(one.stdout);
  });

  it('given an unknown command or option, then it says which and exits 1', async () => {
    expect(await runCli(['frobnicate'], {})).toMatchObject({ code: 1, stderr: expect.stringContaining('error: unknown command "frobnicate"') });
    const r = await baton('instances', '--bogus');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(lines(r.stderr)[0]).toBe("error: unknown option '--bogus'");
    expect(await baton('tasks', '--retries', '2')).toMatchObject({ code: 1, stderr: expect.stringContaining('option --retries does not apply to "baton tasks"') });
    expect(await baton('start')).toMatchObject({ code: 1, stderr: expect.stringContaining('baton start needs KEY') });
  });
});

describe('baton login and connection', { timeout: 30_000 }, () => {
  it('given a username and password, then login prints only a token that works', async () => {
    const r = await runCli(['login', '--username', 'admin', '--password', ADMIN_PASSWORD], { BATON_URL: rt.url });
    expect(r.code).toBe(0);
    const token = r.stdout.trim();
    expect(lines(r.stdout)).toHaveLength(1);
    expect(await runCli(['instances', '--token', token, '--url', rt.url], {})).toMatchObject({ code: 0, stderr: '' });
    const json = JSON.parse((await runCli(['login', '--json', '--url', rt.url], { BATON_USERNAME: 'admin', BATON_PASSWORD: ADMIN_PASSWORD })).stdout);
    expect(json).toMatchObject({ token: expect.any(String), user: { username: 'admin' } });
  });

  it('given a wrong password, then the API error is shown with exit 1', async () => {
    const r = await runCli(['login', '--username', 'admin', '--password', 'wrong-password', '--url', rt.url], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: UNAUTHORIZED: /);
  });

  it('given --username/--password on any command, then it logs in on the fly', async () => {
    const r = await runCli(['instances', '--username', 'admin', '--password', ADMIN_PASSWORD], { BATON_URL: rt.url });
    expect(r.code).toBe(0);
  });

  it('given login --save, then later commands use the saved session until logout ends it', async () => {
    const file = path.join(tmp, 'config', 'baton', 'session.json');
    const saved = await runCli(['login', '--save', '--url', rt.url, '--username', 'admin', '--password', ADMIN_PASSWORD], {});
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(new RegExp(`^logged in to ${rt.url} as admin; session saved to .*session\\.json \\(until \\d{4}-`));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { token } = JSON.parse(readFileSync(file, 'utf8'));
    expect(await runCli(['instances'], {})).toMatchObject({ code: 0 }); // URL and token from the saved session
    expect(await runCli(['instances', '--url', 'http://127.0.0.1:9'], {})).toMatchObject({ code: 1, stderr: expect.stringContaining('not logged in') });

    expect(await runCli(['logout'], {})).toMatchObject({ code: 0, stdout: `logged out; removed ${file}\n` });
    expect(existsSync(file)).toBe(false);
    expect(await runCli(['instances', '--url', rt.url, '--token', token], {})).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: UNAUTHORIZED: /) });
    expect(await runCli(['instances', '--url', rt.url], {})).toMatchObject({ code: 1, stderr: expect.stringContaining('error: not logged in') });
  });

  it('given the runtime entry point with a CLI command, then main.js hands it to the CLI', async () => {
    const r = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(process.execPath, [path.resolve(path.dirname(CLI), 'main.js'), 'instances', '--json'], { env: { ...process.env, ...env }, timeout: 15_000 }, (error, stdout) =>
        resolve({ code: error ? (error.code as number) : 0, stdout }),
      );
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveProperty('items');
  });

  it('given no token, then it says how to log in; given no runtime, then it says it cannot reach it', async () => {
    expect(await runCli(['instances', '--url', rt.url], {})).toMatchObject({ code: 1, stderr: expect.stringContaining('error: not logged in') });
    const r = await runCli(['instances', '--url', 'http://127.0.0.1:9', '--token', 'x'], {});
    expect(r).toMatchObject({ code: 1, stderr: expect.stringContaining('error: cannot reach the runtime at http://127.0.0.1:9') });
  });
});

describe('baton deploy', { timeout: 30_000 }, () => {
  it('given BPMN files, then each is deployed and listed; the same files again are unchanged', async () => {
    const first = await baton('deploy', ORDER, ALARM);
    expect(first.code).toBe(0);
    const [header, order, alarm] = lines(first.stdout);
    expect(header).toMatch(/^FILE\s+KEY\s+VERSION\s+ID\s+RESULT$/);
    expect(order).toMatch(/cli-order\.bpmn\s+cli-order\s+1\s+\S+\s+deployed$/);
    expect(alarm).toMatch(/cli-alarm\.bpmn\s+cli-alarm\s+1\s+\S+\s+deployed$/);
    expect(header.indexOf('KEY')).toBe(order.indexOf('cli-order '));
    const again = JSON.parse((await baton('deploy', ORDER, '--json')).stdout);
    expect(again).toEqual([{ file: ORDER, key: 'cli-order', version: 1, id: expect.any(String), unchanged: true }]);
  });

  it('given a missing or invalid file, then the error names the file and exits 1', async () => {
    expect(await baton('deploy', path.join(tmp, 'nope.bpmn'))).toMatchObject({ code: 1, stderr: expect.stringContaining('nope.bpmn: ENOENT') });
    const bad = path.join(tmp, 'bad.bpmn');
    writeFileSync(bad, '<definitions><oops></definitions>');
    const r = await baton('deploy', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: BAD_REQUEST: bad\.bpmn: /);
  });
});

describe('an order through the CLI', { timeout: 30_000 }, () => {
  let instanceId: string;
  let taskId: string;

  it('start: given --var and --business-key, then the instance starts with typed variables', async () => {
    const r = await baton('start', 'cli-order', '--var', 'amount=1200', '--var', 'vip=true', '--var', 'note=rush order', '--var', 'ref="0042"', '--business-key', 'A-1', '--json');
    expect(r.code).toBe(0);
    const started = JSON.parse(r.stdout);
    expect(started).toEqual({ id: expect.any(String), status: 'running' });
    instanceId = started.id;
    const instance = await http.query<{ variables: Record<string, unknown>; businessKey: string }>('instances.get', { id: instanceId });
    expect(instance).toMatchObject({ businessKey: 'A-1', variables: { amount: 1200, vip: true, note: 'rush order', ref: '0042' } });

    const text = await baton('start', 'cli-order', '--version', '1');
    expect(text.stdout).toMatch(/^started instance \S+ of cli-order v1: running\n$/);
    expect(await baton('start', 'cli-order', '--version', '9')).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: NOT_FOUND: /) });
    expect(await baton('start', 'cli-order', '--version', 'two')).toMatchObject({ code: 1, stderr: expect.stringContaining('--version must be a whole number') });
  });

  it('instances: then the table and --json list it, filtered by key, status and business key', async () => {
    const r = await baton('instances', '--key', 'cli-order', '--business-key', 'A-1');
    expect(r.code).toBe(0);
    const [header, row, ...more] = lines(r.stdout);
    expect(header).toMatch(/^ID\s+KEY\s+VERSION\s+STATUS\s+BUSINESS KEY\s+STARTED\s+INCIDENTS$/);
    expect(row).toMatch(new RegExp(`^${instanceId}\\s+cli-order\\s+1\\s+running\\s+A-1\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+0$`));
    expect(more).toEqual([]);
    const json = JSON.parse((await baton('instances', '--key', 'cli-order', '--json')).stdout);
    expect(json.items.map((i: { id: string }) => i.id)).toContain(instanceId);
    expect((await baton('instances', '--status', 'completed', '--key', 'cli-order')).stdout).toBe('(no instances)\n');
  });

  it('tasks and complete: given the open task, when completed twice, then the second is a CONFLICT', async () => {
    const json = JSON.parse((await baton('tasks', '--group', 'accounting', '--instance', instanceId, '--json')).stdout);
    expect(json.items).toHaveLength(1);
    taskId = json.items[0].id;
    const table = await baton('tasks', '--group', 'accounting', '--instance', instanceId);
    const [header, row] = lines(table.stdout);
    expect(header).toMatch(/^ID\s+NAME\s+ELEMENT\s+ASSIGNEE\s+GROUPS\s+STATUS\s+DUE\s+INSTANCE$/);
    expect(row).toMatch(new RegExp(`^${taskId}\\s+Check\\s+check\\s+-\\s+accounting\\s+open\\s+-\\s+${instanceId}$`));

    const done = await baton('complete', taskId, '--var', 'approved=true');
    expect(done).toMatchObject({ code: 0, stdout: `completed task ${taskId} ("Check") of instance ${instanceId}\n` });
    const twice = await baton('complete', taskId);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toBe('error: CONFLICT: task "Check" is already completed by admin\n');
    expect((await baton('tasks', '--instance', instanceId)).stdout).toBe('(no tasks)\n');
  });

  it('correlate: given the instance waits for the message, then it is correlated by business key', async () => {
    const r = await baton('correlate', 'payment-received', '--business-key', 'A-1', '--var', 'paid=42');
    expect(r.code).toBe(0);
    const [header, row] = lines(r.stdout);
    expect(header).toMatch(/^INSTANCE\s+ELEMENT\s+RESULT$/);
    expect(row).toMatch(new RegExp(`^${instanceId}\\s+paid\\s+correlated$`));
    const nobody = await baton('correlate', 'payment-received', '--business-key', 'nobody');
    expect(nobody).toMatchObject({ code: 1, stderr: 'error: NOT_FOUND: waiting receiver for message "payment-received" with business key "nobody" was not found\n' });
  });

  it('incidents and retry: given the job failed with no retries left, then it is listed and retried', async () => {
    const [job] = await http.mutation<{ id: string; instanceId: string }[]>('jobs.fetchAndLock', { workerId: 'cli-test', topics: [{ topic: 'cli-ship', lockDurationMs: 60_000 }], maxJobs: 1, asyncResponseTimeoutMs: 5_000 });
    expect(job.instanceId).toBe(instanceId);
    const { incidentId } = await http.mutation<{ incidentId: string }>('jobs.fail', { id: job.id, workerId: 'cli-test', errorMessage: 'carrier API is down', retries: 0 });

    const table = await baton('incidents');
    const [header, ...rows] = lines(table.stdout);
    expect(header).toMatch(/^ID\s+INSTANCE\s+ELEMENT\s+MESSAGE\s+CREATED$/);
    expect(rows.find((r) => r.startsWith(incidentId))).toMatch(new RegExp(`^${incidentId}\\s+${instanceId}\\s+ship\\s+carrier API is down\\s+\\d{4}-`));
    expect(JSON.parse((await baton('incidents', '--instance', instanceId, '--json')).stdout).items).toEqual([
      expect.objectContaining({ id: incidentId, elementId: 'ship', message: 'carrier API is down', resolvedAt: null }),
    ]);
    expect((await baton('instances', '--key', 'cli-order', '--business-key', 'A-1')).stdout).toMatch(/\s1\n$/);

    const retried = await baton('retry', incidentId, '--retries', '2');
    expect(retried).toMatchObject({ code: 0, stdout: `retried incident ${incidentId} at ship of instance ${instanceId} with 2 retries\n` });
    expect((await baton('incidents', '--instance', instanceId)).stdout).toBe('(no incidents)\n');
    expect(await baton('retry', incidentId)).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: CONFLICT: incident ".+" was already resolved/) });
    expect((await baton('incidents', '--instance', instanceId, '--all')).stdout).toMatch(/RESOLVED/);

    const [again] = await http.mutation<{ id: string; retries: number }[]>('jobs.fetchAndLock', { workerId: 'cli-test', topics: [{ topic: 'cli-ship', lockDurationMs: 60_000 }], maxJobs: 1, asyncResponseTimeoutMs: 5_000 });
    expect(again).toMatchObject({ id: job.id, retries: 2 });
    await http.mutation('jobs.complete', { id: again.id, workerId: 'cli-test' });
    expect((await baton('instances', '--key', 'cli-order', '--business-key', 'A-1', '--status', 'completed')).stdout).toContain(instanceId);
  });
});

describe('baton signal', { timeout: 30_000 }, () => {
  it('given two instances waiting for the signal, then a broadcast moves both', async () => {
    const a = JSON.parse((await baton('start', 'cli-alarm', '--json')).stdout).id as string;
    const b = JSON.parse((await baton('start', 'cli-alarm', '--json')).stdout).id as string;
    const r = await baton('signal', 'cli-go', '--var', 'level=3');
    expect(r).toMatchObject({ code: 0, stdout: 'signal "cli-go": delivered to 2 waiting, started 0 instance(s)\n' });
    for (const id of [a, b]) {
      const instance = await eventually(async () => {
        const i = await http.query<{ status: string; variables: Record<string, unknown> }>('instances.get', { id });
        return i.status === 'completed' ? i : undefined;
      });
      expect(instance.variables).toMatchObject({ level: 3 });
    }
    expect(JSON.parse((await baton('signal', 'cli-go', '--json')).stdout)).toEqual({ delivered: 0, started: [] });
  });
});

describe('baton serve', { timeout: 60_000 }, () => {
  it('given `node dist/cli.js serve`, then the runtime starts, answers, and stops on SIGTERM', async () => {
    const served = await startRuntime({ entry: CLI });
    try {
      expect(served.output()).toContain('Baton is running at');
      const r = await runCli(['login', '--url', served.url, '--username', 'admin', '--password', ADMIN_PASSWORD], {});
      expect(r.code).toBe(0);
    } finally {
      await served.stop();
    }
    expect(served.child.exitCode).toBe(0);
  });
});
