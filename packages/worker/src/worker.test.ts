import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BpmnError, createClient, createWorker, InvalidWorkerOptionsError, login, passwordToken, type BatonClient, type Worker, type WorkerOptions } from './index.js';
import { ADMIN_PASSWORD, bpmn, eventually, startRuntime, type RuntimeProcess } from './test-support/runtime-process.js';

let rt: RuntimeProcess;
let token: string;
let api: BatonClient;
const workers: Worker[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** one external service task on `topic` between start and end */
const serviceProcess = (key: string, topic: string) =>
  bpmn(
    key,
    `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="work" />
     <serviceTask id="work" name="Work" camunda:type="external" camunda:topic="${topic}" />
     <sequenceFlow id="f2" sourceRef="work" targetRef="e" /><endEvent id="e" />`,
  );

function worker(options: Omit<WorkerOptions, 'url' | 'token'>): Worker {
  const w = createWorker({ url: rt.url, token, pollTimeoutMs: 2_000, logger: silent, ...options });
  workers.push(w);
  w.start();
  return w;
}
const silent = { debug() {}, info() {}, warn() {}, error() {} };

const instance = (id: string) => api.instances.get.query({ id });
const completed = (id: string) => eventually(async () => ((await instance(id)).status === 'completed' ? instance(id) : undefined));

beforeAll(async () => {
  rt = await startRuntime();
  token = await login({ url: rt.url, username: 'admin', password: ADMIN_PASSWORD });
  api = createClient({ url: rt.url, token });
  for (const [key, topic] of [['greet', 'greet'], ['flaky', 'flaky'], ['once', 'once'], ['many', 'many'], ['long', 'long'], ['stoppable', 'stoppable'], ['explicit', 'explicit'], ['lost', 'lost']]) {
    await api.definitions.deploy.mutate({ xml: serviceProcess(key, topic) });
  }
  await api.definitions.deploy.mutate({
    xml: bpmn(
      'charge',
      `<startEvent id="s" /><sequenceFlow id="f1" sourceRef="s" targetRef="pay" />
       <serviceTask id="pay" name="Charge card" camunda:type="external" camunda:topic="payments" />
       <boundaryEvent id="declined" attachedToRef="pay"><errorEventDefinition errorRef="Err_declined" /></boundaryEvent>
       <sequenceFlow id="f2" sourceRef="pay" targetRef="ok" /><endEvent id="ok" />
       <sequenceFlow id="f3" sourceRef="declined" targetRef="fix" /><userTask id="fix" name="Fix payment" />`,
      '<error id="Err_declined" errorCode="CARD_DECLINED" />',
    ),
  });
});

afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.stop()));
  await rt?.stop();
});

describe('createClient', () => {
  it('given a token, then every procedure is typed and authenticated', async () => {
    const { items } = await api.definitions.list.query({ key: 'greet' });
    expect(items[0]).toMatchObject({ key: 'greet', version: 1 });
    const viaPassword = createClient({ url: rt.url, token: passwordToken({ url: rt.url, username: 'admin', password: ADMIN_PASSWORD }) });
    expect(await viaPassword.auth.me.query()).toMatchObject({ username: 'admin' });
    const anonymous = createClient({ url: rt.url });
    await expect(anonymous.definitions.list.query()).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });
});

describe('createWorker', () => {
  it('given bad options, then it refuses them with a message naming the option', () => {
    expect(() => createWorker({ url: rt.url, token, topics: {} })).toThrow(InvalidWorkerOptionsError);
    expect(() => createWorker({ url: rt.url, token, topics: { a: () => {} }, concurrency: 0 })).toThrow(/concurrency/);
  });

  it('given a handler that returns variables, when a job arrives, then the job is completed with them', async () => {
    const seen: string[] = [];
    worker({ topics: { greet: async (job) => (seen.push(job.elementId), { greeting: `hello ${String(job.variables.name)}` }) } });
    const { id } = await api.instances.start.mutate({ key: 'greet', variables: { name: 'Ada' } });
    expect((await completed(id)).variables).toMatchObject({ name: 'Ada', greeting: 'hello Ada' });
    expect(seen).toEqual(['work']);
  });

  it('given a handler that always throws, then the job is retried with backoff until an incident is raised', async () => {
    const attempts: { retries: number | null; at: number }[] = [];
    const backoffs: number[] = [];
    worker({
      retries: 2,
      retryBackoffMs: (attempt) => (backoffs.push(attempt), 200),
      topics: {
        flaky: (job) => {
          attempts.push({ retries: job.retries, at: Date.now() });
          throw new Error('the ledger is down');
        },
      },
    });
    const { id } = await api.instances.start.mutate({ key: 'flaky' });
    const incident = await eventually(async () => (await api.incidents.list.query({ instanceId: id })).items[0]);
    expect(incident).toMatchObject({ elementId: 'work', message: 'the ledger is down' });
    expect(incident.details).toContain('Error: the ledger is down');
    expect(attempts.map((a) => a.retries)).toEqual([null, 1]);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(180);
    expect(backoffs).toEqual([1, 2]);
    expect(await instance(id)).toMatchObject({ status: 'running', incidents: [{ elementId: 'work' }] });

    // an operator's retry gives the job new retries; the (still failing) worker counts down from them
    await api.incidents.retry.mutate({ id: incident.id, retries: 1 });
    await eventually(async () => (await api.incidents.list.query({ instanceId: id })).items.find((i) => i.id !== incident.id));
    expect(attempts.map((a) => a.retries)).toEqual([null, 1, 1]);
  });

  it('given a handler that throws once, then the retry completes the job', async () => {
    let calls = 0;
    worker({
      retryBackoffMs: 0,
      topics: {
        once: () => {
          calls += 1;
          if (calls === 1) throw new Error('flaky network');
          return { calls };
        },
      },
    });
    const { id } = await api.instances.start.mutate({ key: 'once' });
    expect((await completed(id)).variables).toMatchObject({ calls: 2 });
  });

  it('given a handler that throws BpmnError, then the error boundary event catches it', async () => {
    worker({ topics: { payments: () => { throw new BpmnError('CARD_DECLINED', 'card declined', { reason: 'expired' }); } } });
    const { id } = await api.instances.start.mutate({ key: 'charge' });
    const caught = await eventually(async () => {
      const i = await instance(id);
      return i.tokens.some((t) => t.elementId === 'fix') ? i : undefined;
    });
    expect(caught).toMatchObject({ status: 'running', tokens: [{ elementId: 'fix', count: 1 }], variables: { reason: 'expired' }, incidents: [] });
  });

  it('given a concurrency of 3 and 8 jobs, then never more than 3 handlers run at once and all complete', async () => {
    let running = 0;
    let max = 0;
    const w = worker({
      concurrency: 3,
      topics: {
        many: async () => {
          running += 1;
          max = Math.max(max, running);
          await sleep(150);
          running -= 1;
          return { done: true };
        },
      },
    });
    const ids = await Promise.all(Array.from({ length: 8 }, () => api.instances.start.mutate({ key: 'many' }).then((r) => r.id)));
    for (const id of ids) await completed(id);
    expect(max).toBe(3);
    expect(w.inFlight).toBe(0);
  });

  it('given a handler slower than its lock, then the lock is extended, no other worker gets the job, and it completes', async () => {
    let started = false;
    let rivalGotIt = false;
    worker({
      workerId: 'patient',
      topics: {
        long: {
          lockDurationMs: 500,
          handler: async () => {
            started = true;
            await sleep(1_600);
            return { slow: 'done' };
          },
        },
      },
    });
    const { id } = await api.instances.start.mutate({ key: 'long' });
    await eventually(async () => started);
    worker({ workerId: 'rival', topics: { long: () => void (rivalGotIt = true) } });
    const done = await completed(id);
    expect(done.variables).toMatchObject({ slow: 'done' });
    expect(rivalGotIt).toBe(false);
    const history = (await api.instances.history.query({ id })).items;
    expect(history.filter((e) => e.type === 'job.failed')).toEqual([]);
  });

  it('given handlers in flight, when stop() is called, then polling stops at once and stop resolves after they finished', async () => {
    let finished = false;
    let started = false;
    const w = worker({
      topics: {
        stoppable: async () => {
          started = true;
          await sleep(600);
          finished = true;
          return { stopped: 'cleanly' };
        },
      },
    });
    const { id } = await api.instances.start.mutate({ key: 'stoppable' });
    await eventually(async () => started);
    const stopping = w.stop();
    expect(w.running).toBe(false);
    expect(w.state).toBe('stopping');
    expect(finished).toBe(false);
    await stopping;
    expect(finished).toBe(true);
    expect(w.state).toBe('idle');
    expect((await instance(id))).toMatchObject({ status: 'completed', variables: { stopped: 'cleanly' } });

    // after stop, nothing polls: a new job stays unlocked
    const { id: next } = await api.instances.start.mutate({ key: 'stoppable' });
    await sleep(300);
    expect((await instance(next)).status).toBe('running');
    const jobs = await api.jobs.fetchAndLock.mutate({ workerId: 'test', topics: [{ topic: 'stoppable', lockDurationMs: 10_000 }], maxJobs: 5 });
    expect(jobs.map((j) => j.instanceId)).toEqual([next]);
    await api.jobs.complete.mutate({ id: jobs[0].id, workerId: 'test' });
  });

  it('given an idle worker in a long poll, when stop() is called, then it resolves without waiting for the poll', async () => {
    const w = worker({ pollTimeoutMs: 20_000, topics: { 'nobody-sends-this': () => {} } });
    await sleep(200);
    const t0 = Date.now();
    await w.stop();
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('given a handler that settles through ctx, then its return value is ignored and settling twice is refused', async () => {
    const errors: string[] = [];
    worker({
      topics: {
        explicit: async (_job, ctx) => {
          await ctx.extendLock(60_000);
          await ctx.complete({ via: 'ctx' });
          await ctx.fail('too late').catch((e: Error) => errors.push(e.name));
          return { via: 'return' };
        },
      },
    });
    const { id } = await api.instances.start.mutate({ key: 'explicit' });
    expect((await completed(id)).variables).toMatchObject({ via: 'ctx' });
    expect(errors).toEqual(['JobAlreadySettledError']);
  });

  it('given the job is settled behind the worker\'s back, then the next lock extension aborts ctx.signal with JobLockLostError', async () => {
    let jobId: string | undefined;
    let reason: unknown;
    const errors: string[] = [];
    worker({
      workerId: 'w-lost',
      logger: { ...silent, error: (message) => errors.push(message) },
      topics: {
        lost: {
          lockDurationMs: 600,
          handler: async (job, ctx) => {
            jobId = job.id;
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, 5_000);
              ctx.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()));
            });
            reason = ctx.signal.reason;
            return { from: 'handler' };
          },
        },
      },
    });
    const { id } = await api.instances.start.mutate({ key: 'lost' });
    await eventually(async () => jobId);
    // the same worker id from elsewhere (say, a second copy of the worker) completes the job first
    await api.jobs.complete.mutate({ id: jobId!, workerId: 'w-lost', variables: { from: 'elsewhere' } });
    await eventually(async () => reason);
    expect(reason).toMatchObject({ name: 'JobLockLostError', jobId });
    expect((await completed(id)).variables).toMatchObject({ from: 'elsewhere' });
    await eventually(async () => errors.includes('could not settle a job with the runtime'));
  });

  it('given the runtime cannot be reached, then the worker backs off between fetches and still stops at once', async () => {
    let attempts = 0;
    const errors: unknown[] = [];
    const w = createWorker({
      url: 'http://127.0.0.1:9',
      token,
      errorBackoffMs: 50,
      logger: { ...silent, error: (_m, fields) => errors.push(fields?.retryInMs) },
      fetch: async () => {
        attempts += 1;
        throw new TypeError('fetch failed');
      },
      topics: { anything: () => {} },
    });
    w.start();
    await sleep(700);
    const t0 = Date.now();
    await w.stop();
    expect(Date.now() - t0).toBeLessThan(200);
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(6); // 0, 50, 150, 350 ms (+ 750): doubling, not every 50 ms
    expect(errors.slice(0, 3)).toEqual([50, 100, 200]);
  });
});
