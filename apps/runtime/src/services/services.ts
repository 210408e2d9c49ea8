/**
 * The runtime's services wired together. Built by main.ts (the composition root) and by tests, from a
 * store and options; nothing here picks a database or a port.
 */
import type { Logger } from '../logger.js';
import { EngineHost } from '../engine/engine-host.js';
import { inThreadRunner, type EngineRunner } from '../engine/engine-runner.js';
import { EventHub } from '../events/event-hub.js';
import { TimerScheduler } from '../scheduler/timer-scheduler.js';
import type { Store } from '../store/store.js';
import { AuthService } from './auth-service.js';
import { CallActivities } from './call-activities.js';
import { DefinitionService } from './definition-service.js';
import { DiagramService } from './diagram-service.js';
import { InstanceService } from './instance-service.js';
import { JobService } from './job-service.js';
import { MessageService } from './message-service.js';
import { createMetrics, type Metrics } from './metrics.js';
import { registerMonitorMetrics } from './monitor-metrics.js';
import { MonitorService } from './monitor-service.js';
import { StepRunner } from './step-runner.js';
import { TaskService } from './task-service.js';
import { CommentService } from './comment-service.js';
import { FilterService } from './filter-service.js';
import { FormResolver } from './inbox-forms.js';
import { InboxService } from './inbox-service.js';
import type { ExpressionEvaluator } from '../engine/wait-collector.js';

export interface ServicesOptions {
  store: Store;
  logger: Logger;
  /** engine options for an EngineHost in this thread, or a ready runner (the EnginePool, see main.ts) */
  engine: { expressions: unknown; scripts: unknown; evaluator: ExpressionEvaluator; cacheSize: number } | EngineRunner;
  sessionTtlMs?: number;
  hub?: EventHub;
}

export interface Services {
  store: Store;
  logger: Logger;
  hub: EventHub;
  metrics: Metrics;
  host: EngineRunner;
  steps: StepRunner;
  auth: AuthService;
  diagrams: DiagramService;
  definitions: DefinitionService;
  instances: InstanceService;
  tasks: TaskService;
  /** task inbox: queues, filters, counts, forms, delegation, history, start forms */
  inbox: InboxService;
  comments: CommentService;
  filters: FilterService;
  messages: MessageService;
  jobs: JobService;
  /** dashboard numbers, bulk commands, operations log */
  monitor: MonitorService;
  scheduler: TimerScheduler;
}

/** the actor recorded on work the runtime does by itself (e.g. relaying a thrown signal) */
const SYSTEM_ACTOR = { userId: 'system', username: 'system', groups: [], roles: [] };

export function createServices(options: ServicesOptions): Services {
  const { store, logger } = options;
  const hub = options.hub ?? new EventHub();
  const definitions = new DefinitionService(store);
  const host = 'run' in options.engine ? options.engine : inThreadRunner(new EngineHost(options.engine), (id) => definitions.loadById(id));
  const metrics = createMetrics({ hotEngines: () => host.hotCount });
  const steps = new StepRunner(store, host, definitions, hub, metrics, logger);
  const calls = new CallActivities(store, definitions, steps);
  const messages = new MessageService(store, steps);
  steps.afterCommit = async (row, outcome) => {
    await calls.afterCommit(row, outcome);
    // a signal thrown inside an instance reaches the other instances' catch and start events too
    for (const name of outcome.signals ?? []) await messages.broadcast({ name }, SYSTEM_ACTOR, { instanceId: row.id, key: row.key });
  };
  const forms = new FormResolver(definitions);
  const tasks = new TaskService(store, steps, forms);
  const instances = new InstanceService(store, definitions, steps);
  const jobs = new JobService(store, steps, hub);
  const monitor = new MonitorService(store, instances, (id, retries, actor) => jobs.retryIncident(id, retries, actor));
  registerMonitorMetrics(metrics, monitor);
  return {
    store,
    logger,
    hub,
    metrics,
    host,
    steps,
    auth: new AuthService(store, options.sessionTtlMs ?? 7 * 24 * 3_600_000),
    diagrams: new DiagramService(store),
    definitions,
    instances,
    tasks,
    inbox: new InboxService(store, steps, tasks, definitions, instances, forms),
    comments: new CommentService(store, steps, tasks),
    filters: new FilterService(store),
    messages,
    jobs,
    monitor,
    scheduler: new TimerScheduler(store, steps, logger),
  };
}
