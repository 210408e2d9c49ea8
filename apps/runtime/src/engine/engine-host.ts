/**
 * EngineHost: the only code that drives bpmn-engine. One command at a time per instance (callers hold
 * the instance lock): load the engine (hot from the LRU when its rev matches, else recovered from the
 * snapshot), apply the command, let the engine run until every token waits, and return what happened as
 * plain data — status, variables, the next snapshot, new RuntimeEvents and the complete set of waits.
 * It never touches the store: services commit the outcome and then call `confirm` so the hot engine is
 * kept for the next command, or `evict` when the commit failed.
 */
import { Engine } from 'bpmn-engine';
import { EventEmitter } from 'node:events';
import type { InstanceStatus, NewRuntimeEvent } from '@baton/shared';
import type { ParsedDefinition } from './definition-model.js';
import { DurableTimers } from './durable-timers.js';
import { activityDefaultFlows } from './elements/default-flow.js';
import { CommandRejectedError } from './engine-errors.js';
import { EventMapper, type EngineEventApi } from './event-mapper.js';
import { callChanges, mapVariables, type CallRequest } from './call-mapping.js';
import { EventSubProcesses, type ScopeApi } from './event-sub-processes.js';
import { allPostponed, findPostponed, findScopeExecution, type PostponedApi } from './postponed.js';
import { assignVariables, variablesOf } from './engine-variables.js';
import { JobRegistry, WorkerBpmnError } from './external-jobs.js';
import { collectWaits, type WaitDescriptor, type ExpressionEvaluator } from './wait-collector.js';

export interface EngineHostOptions {
  /** bpmn-engine `expressions` handler (never the engine's default on user text) */
  expressions: unknown;
  /** bpmn-engine `scripts` handler (a sandbox, never node:vm) */
  scripts: unknown;
  evaluator: ExpressionEvaluator;
  /** how many hot engines to keep in memory (~400 KB each) */
  cacheSize: number;
  now?: () => Date;
}

export interface LoadedDefinition {
  id: string;
  parsed: ParsedDefinition;
}

export interface InstanceContext {
  instanceId: string;
  definition: LoadedDefinition;
  /** the stored snapshot; null for a new instance */
  snapshot: string | null;
  /** the store's rev the snapshot belongs to */
  rev: number;
}

export type EngineCommand =
  | { type: 'start'; variables: Record<string, unknown>; startElementId?: string }
  | { type: 'signal'; executionId: string; variables?: Record<string, unknown> }
  | { type: 'fireTimer'; executionId: string }
  | { type: 'setVariables'; variables: Record<string, unknown> }
  | { type: 'completeJob'; executionId: string; variables?: Record<string, unknown> }
  | { type: 'jobBpmnError'; executionId: string; errorCode: string; errorMessage?: string; variables?: Record<string, unknown> }
  | { type: 'completeCall'; executionId: string; childVariables: Record<string, unknown> }
  | { type: 'callError'; executionId: string; errorCode?: string; errorMessage: string }
  | { type: 'cancel' };

export type { CallRequest } from './call-mapping.js';

export interface StepOutcome {
  status: InstanceStatus;
  variables: Record<string, unknown>;
  snapshot: string | null;
  events: NewRuntimeEvent[];
  waits: WaitDescriptor[];
  failure?: Failure;
  /** call activities entered in this step */
  calls?: CallRequest[];
  /** call activities left in this step without their called instance completing them (cancel it) */
  endedCalls?: string[];
  /** names of the signals thrown in this step (the services broadcast them to other instances) */
  signals?: string[];
}

/** why an instance failed; `errorCode` when an uncaught BPMN error end event ended it */
export interface Failure {
  message: string;
  elementId?: string;
  errorCode?: string;
}

interface HotEngine {
  engine: Engine;
  /** the definition has conditional events (re-evaluated after each step) */
  conditional: boolean;
  elements: ParsedDefinition['elements'];
  eventSubProcesses: EventSubProcesses;
  timers: DurableTimers;
  jobs: JobRegistry;
  mapper: EventMapper;
  rev: number;
  status: InstanceStatus;
  failure?: Failure;
  /** ids of the rows the instance waits on, by executionId, so ids stay stable across steps */
  waitIds: Map<string, string>;
  /** call activity executions whose called instance was already requested */
  calls: Set<string>;
  /** signals thrown since the last outcome */
  thrownSignals: string[];
}

interface BatonSnapshot {
  engine: unknown;
  /** executions entered and not yet left, with entry time: exact durations and token counts after recover */
  active: Record<string, number>;
  announced: string[];
  waitIds: Record<string, string>;
  calls?: string[];
}

const ENGINE_VERSION = '25.0.1';

export class EngineHost {
  private readonly hot = new Map<string, HotEngine>();
  private readonly now: () => Date;

  constructor(private readonly options: EngineHostOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get engineVersion() {
    return ENGINE_VERSION;
  }

  get hotCount() {
    return this.hot.size;
  }

  /** Runs one command to the next wait state. Throws CommandRejectedError when it does not apply. */
  async run(ctx: InstanceContext, command: EngineCommand): Promise<StepOutcome> {
    const hot = await this.load(ctx, command);
    try {
      if (hot.status !== 'failed') await this.apply(hot, command);
    } catch (error) {
      if (error instanceof CommandRejectedError) throw error;
      // bpmn-elements lets some errors escape synchronously (e.g. a loop over its limit): the
      // engine's state is no longer trustworthy, so the instance fails with the element named
      this.fail(hot, error);
    }
    await this.finishStep(hot);
    return this.outcome(ctx, hot);
  }

  private async apply(hot: HotEngine, command: EngineCommand) {
    const execution = hot.engine.execution;
    switch (command.type) {
      case 'start':
        break; // load() executed it
      case 'signal': {
        const api = findPostponed(execution, command.executionId);
        if (!api) throw new CommandRejectedError(`nothing waits at execution "${command.executionId}" any more`);
        if (command.variables) assignVariables(execution, command.variables);
        api.signal({ ...(command.variables ?? {}) });
        break;
      }
      case 'fireTimer': {
        const timer = hot.timers.active.get(command.executionId);
        // a recovered engine fires overdue timers while resuming, so a missing one has already fired
        if (timer) timer.fire();
        break;
      }
      case 'setVariables':
        assignVariables(execution, command.variables);
        break;
      case 'completeJob': {
        const job = hot.jobs.pending.get(command.executionId);
        if (!job) throw new CommandRejectedError(`no job waits at execution "${command.executionId}" any more`);
        if (command.variables) assignVariables(execution, command.variables);
        job.complete({ ...(command.variables ?? {}) });
        break;
      }
      case 'jobBpmnError': {
        const job = hot.jobs.pending.get(command.executionId);
        if (!job) throw new CommandRejectedError(`no job waits at execution "${command.executionId}" any more`);
        if (command.variables) assignVariables(execution, command.variables);
        job.fail(new WorkerBpmnError(command.errorCode, command.errorMessage ?? command.errorCode));
        break;
      }
      case 'completeCall': {
        const api = findPostponed(execution, command.executionId);
        if (!api || api.type !== 'bpmn:CallActivity') throw new CommandRejectedError(`no call activity waits at execution "${command.executionId}" any more`);
        const output = mapVariables(hot.elements.get(api.id)?.callOut, command.childVariables, this.options.evaluator);
        hot.calls.delete(command.executionId);
        assignVariables(execution, output);
        api.signal(output);
        break;
      }
      case 'callError': {
        const api = findPostponed(execution, command.executionId);
        if (!api || api.type !== 'bpmn:CallActivity') throw new CommandRejectedError(`no call activity waits at execution "${command.executionId}" any more`);
        hot.calls.delete(command.executionId);
        // an error the called instance did not catch is thrown on the call activity: its error
        // boundary events (matched by errorCode) catch it, else the calling instance fails too
        (api as PostponedApi & { sendApiMessage(action: string, content: unknown): void }).sendApiMessage('error', { message: command.errorMessage, ...(command.errorCode ? { code: command.errorCode } : {}) });
        break;
      }
      case 'cancel': {
        hot.status = 'cancelled';
        await hot.engine.stop();
        break;
      }
    }
  }

  /** lets the engine settle, releases idle event sub-processes, and stops an engine that failed */
  private async finishStep(hot: HotEngine) {
    await settle();
    if (hot.status === 'running' && this.recheckConditions(hot)) await settle();
    for (let round = 0; round < 20 && hot.status === 'running' && hot.eventSubProcesses.any; round += 1) {
      if (!hot.eventSubProcesses.releaseIdle(hot.engine.execution.getPostponed() as unknown as ScopeApi[])) break;
      await settle();
    }
    // a failed instance runs no further (stop() of an engine that already ended never resolves: not awaited)
    if (hot.status === 'failed') void hot.engine.stop().catch(() => undefined);
  }

  /**
   * Conditional events fire when their condition BECOMES true (BPMN 2.0 §10.5.4), typically after
   * variables changed. bpmn-elements evaluates a waiting conditional event only when it is signalled,
   * so each step ends by asking every waiting conditional event to evaluate again.
   */
  private recheckConditions(hot: HotEngine): boolean {
    if (!hot.conditional) return false;
    const waiting = allPostponed(hot.engine.execution).filter((api) => hot.elements.get(api.id)?.conditional);
    for (const api of waiting) api.signal({});
    return waiting.length > 0;
  }

  private fail(hot: HotEngine, error: unknown) {
    const e = error as Error & { elementId?: string; source?: { content?: { id?: string } } };
    hot.status = 'failed';
    hot.failure ??= { message: e?.message ?? String(error), ...(e?.elementId ?? e?.source?.content?.id ? { elementId: e.elementId ?? e.source?.content?.id } : {}) };
  }

  /** the commit of the step succeeded: keep the engine hot for the next command */
  confirm(instanceId: string, rev: number) {
    const hot = this.hot.get(instanceId);
    if (!hot) return;
    hot.rev = rev;
    if (hot.status !== 'running') {
      this.hot.delete(instanceId);
      return;
    }
    // refresh LRU position
    this.hot.delete(instanceId);
    this.hot.set(instanceId, hot);
    while (this.hot.size > this.options.cacheSize) {
      const oldest = this.hot.keys().next().value as string;
      const victim = this.hot.get(oldest);
      this.hot.delete(oldest);
      void victim?.engine.stop().catch(() => undefined);
    }
  }

  /** the commit failed or the instance changed elsewhere: the in-memory engine is no longer the truth */
  evict(instanceId: string) {
    const hot = this.hot.get(instanceId);
    this.hot.delete(instanceId);
    if (hot) void hot.engine.stop().catch(() => undefined);
  }

  evictAll() {
    for (const id of [...this.hot.keys()]) this.evict(id);
  }

  private newEngine(ctx: InstanceContext, timers: DurableTimers, jobs: JobRegistry) {
    return new Engine({
      name: ctx.instanceId,
      sourceContext: ctx.definition.parsed.sourceContext as never,
      timers,
      extensions: { batonJobs: jobs.extension(ctx.definition.parsed.elements), batonDefaultFlows: activityDefaultFlows },
      expressions: this.options.expressions,
      scripts: this.options.scripts,
      Logger: silentLogger,
    } as never);
  }

  private attach(ctx: InstanceContext, engine: Engine, mapper: EventMapper, hot: Partial<HotEngine>) {
    const listener = new EventEmitter();
    const forward = listener.emit.bind(listener);
    const uncaught = ctx.definition.parsed.uncaughtErrors;
    listener.emit = (name: string | symbol, api?: unknown, ...rest: unknown[]) => {
      if (typeof name === 'string' && api) {
        mapper.handle(name, api as EngineEventApi);
        const event = api as EngineEventApi;
        hot.eventSubProcesses?.onEvent(name, api as ScopeApi);
        if (name === 'activity.end') hot.eventSubProcesses?.onStartCompleted(api as ScopeApi);
        // a signal throw event: delivered inside this instance by the engine, to others by the services
        const thrown = name === 'activity.signal' ? ctx.definition.parsed.elements.get(event.id)?.signalName : undefined;
        if (thrown) hot.thrownSignals?.push(thrown);
        const error = name === 'activity.end' ? uncaught.get(event.id) : undefined;
        if (error && hot.status === 'running') {
          // BPMN: an error nothing catches fails the instance (bpmn-elements would end it as a success)
          hot.status = 'failed';
          hot.failure = { message: `Error end event "${event.id}" threw ${error.errorCode ? `error "${error.errorCode}"` : 'an error'} that no boundary event or event sub-process catches`, elementId: event.id, ...(error.errorCode ? { errorCode: error.errorCode } : {}) };
        }
      }
      return forward(name, api, ...rest);
    };
    engine.on('end', () => {
      if (hot.status === 'running') hot.status = 'completed';
    });
    // an unhandled engine error would kill the process: always listen
    engine.on('error', (error: Error & { elementId?: string; source?: { content?: { id?: string } }; inner?: { elementId?: string } }) => {
      if (hot.status === 'failed') return; // the first failure names the cause
      hot.status = 'failed';
      hot.failure = { message: error.message, elementId: error.source?.content?.id ?? error.elementId ?? error.inner?.elementId };
    });
    return listener;
  }

  private async load(ctx: InstanceContext, command: EngineCommand): Promise<HotEngine> {
    const cached = this.hot.get(ctx.instanceId);
    if (cached && cached.rev === ctx.rev && command.type !== 'start') return cached;
    if (cached) this.evict(ctx.instanceId);

    const timers = new DurableTimers();
    const jobs = new JobRegistry();
    const mapper = new EventMapper(ctx.instanceId, ctx.definition.parsed.elements, () => this.now().toISOString());
    const eventSubProcesses = new EventSubProcesses(ctx.definition.parsed.elements, (executionId) => findScopeExecution(hot.engine, executionId));
    const conditional = [...ctx.definition.parsed.elements.values()].some((info) => info.conditional);
    const hot: HotEngine = { engine: undefined as unknown as Engine, conditional, elements: ctx.definition.parsed.elements, eventSubProcesses, timers, jobs, mapper, rev: ctx.rev, status: 'running', waitIds: new Map(), calls: new Set(), thrownSignals: [] };
    const engine = this.newEngine(ctx, timers, jobs);
    hot.engine = engine;
    const listener = this.attach(ctx, engine, mapper, hot);

    if (command.type === 'start') {
      if (ctx.snapshot) throw new CommandRejectedError(`instance ${ctx.instanceId} has already started`);
      try {
        await engine.execute({ listener, variables: { ...command.variables } } as never);
        await settle();
        this.discardOtherStarts(ctx, engine, command.startElementId);
      } catch (error) {
        this.fail(hot, error);
      }
    } else {
      if (!ctx.snapshot) throw new CommandRejectedError(`instance ${ctx.instanceId} is not running`);
      const saved = JSON.parse(ctx.snapshot) as BatonSnapshot;
      mapper.markActive(Object.keys(saved.active));
      for (const key of saved.announced) mapper.announcedWaits.add(key);
      hot.waitIds = new Map(Object.entries(saved.waitIds ?? {}));
      hot.calls = new Set(saved.calls ?? []);
      engine.recover(saved.engine as never);
      try {
        await engine.resume({ listener } as never);
        await settle();
      } catch (error) {
        this.fail(hot, error);
      }
    }
    this.hot.set(ctx.instanceId, hot);
    return hot;
  }

  /**
   * bpmn-engine arms every start event of a process. A start through the none start event must not
   * leave message/signal/timer start events waiting; a start by message keeps only that start event.
   */
  private discardOtherStarts(ctx: InstanceContext, engine: Engine, startElementId?: string) {
    const triggers = new Set(ctx.definition.parsed.startTriggers.map((t) => t.elementId));
    for (const api of allPostponed(engine.execution)) {
      if (!triggers.has(api.id)) continue;
      if (api.id === startElementId) api.signal({});
      else api.discard?.();
    }
  }

  private async outcome(ctx: InstanceContext, hot: HotEngine): Promise<StepOutcome> {
    const execution = hot.engine.execution;
    const variables = structuredCloneJson(variablesOf(execution));
    const events = hot.mapper.take();
    const status = hot.status;
    if (status === 'completed') events.push({ type: 'instance.completed', instanceId: ctx.instanceId, at: this.now().toISOString() });
    if (status === 'failed') events.push({ type: 'instance.failed', instanceId: ctx.instanceId, at: this.now().toISOString(), message: hot.failure?.message ?? 'failed', ...(hot.failure?.elementId ? { elementId: hot.failure.elementId } : {}) });
    const { calls, endedCalls } = callChanges(hot.calls, status === 'running' ? allPostponed(execution) : [], hot.elements, variables, this.options.evaluator);
    const signals = hot.thrownSignals.splice(0);
    if (status !== 'running') {
      return { status, variables, snapshot: null, events, waits: [], ...(hot.failure ? { failure: hot.failure } : {}), ...(endedCalls.length ? { endedCalls } : {}), ...(signals.length ? { signals } : {}) };
    }
    const waits = collectWaits({
      postponed: allPostponed(execution),
      timers: [...hot.timers.active.values()],
      jobs: [...hot.jobs.pending.values()],
      elements: ctx.definition.parsed.elements,
      variables,
      evaluator: this.options.evaluator,
      existingIds: hot.waitIds,
      now: this.now(),
      timerDueAt: (executionId) => timerDue(events, executionId),
    });
    for (const wait of waits) {
      if (hot.waitIds.has(wait.executionId)) continue;
      const at = this.now().toISOString();
      if (wait.kind === 'task' && wait.task) {
        events.push({ type: 'task.created', instanceId: ctx.instanceId, at, elementId: wait.elementId, taskId: wait.id, name: wait.task.name, assignee: wait.task.assignee });
      }
      if (wait.kind === 'job' && wait.name) {
        events.push({ type: 'job.created', instanceId: ctx.instanceId, at, elementId: wait.elementId, jobId: wait.id, topic: wait.name });
      }
    }
    const state = (await hot.engine.getState()) as unknown as { definitions: { source?: unknown }[] };
    for (const definition of state.definitions) delete definition.source; // the parsed definition is shared
    const active: Record<string, number> = {};
    for (const [id, at] of hot.mapper.activeExecutions()) active[id] = at;
    hot.waitIds = new Map(waits.map((w) => [w.executionId, w.id]));
    const snapshot: BatonSnapshot = { engine: state, active, announced: [...hot.mapper.announcedWaits], waitIds: Object.fromEntries(hot.waitIds), calls: [...hot.calls] };
    return { status, variables, snapshot: JSON.stringify(snapshot), events, waits, ...(calls.length ? { calls } : {}), ...(endedCalls.length ? { endedCalls } : {}), ...(signals.length ? { signals } : {}) };
  }


}

function timerDue(events: NewRuntimeEvent[], executionId: string): string | undefined {
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const event = events[i];
    if (event.type === 'timer.scheduled' && event.timerId === executionId) return event.dueAt;
  }
  return undefined;
}

/** let the engine's synchronous broker and any resolved promises drain */
function settle() {
  return new Promise<void>((resolve) => setImmediate(resolve));
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? {})) as T;
}

function silentLogger() {
  const noop = () => undefined;
  return { debug: noop, error: noop, warn: noop };
}
