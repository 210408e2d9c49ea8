/**
 * Event sub-processes as BPMN 2.0 defines them (§10.3.5), where bpmn-elements only starts one when an
 * error, escalation or signal is thrown inside the same instance:
 *
 * - Armed with their scope: when a process or sub-process starts, its event sub-processes with a
 *   timer, message or signal start event start too and wait at that start event. So a timer event
 *   sub-process gets a durable timer (also inside a sub-process), and message/signal start events are
 *   ordinary waits that messages.correlate and signals.broadcast reach through the wait collector.
 * - Released with their scope: an armed event sub-process that was never triggered must not keep its
 *   scope alive. When everything else in a scope has finished, the idle ones are discarded and the
 *   scope completes.
 * - Interrupting: when an interrupting start event fires, everything else running in the enclosing
 *   scope is cancelled before the event sub-process continues.
 * - Non-interrupting ones can fire again: after one completes it is armed again while its scope runs.
 */
import type { ElementInfo } from './definition-model.js';

interface ActivityLike {
  id: string;
  isRunning: boolean;
  status?: string;
  run(message?: unknown): void;
  getApi(): { discard(): void };
}

export interface ScopeExecution {
  getActivityById(id: string): ActivityLike | undefined;
  getActivities?(): ActivityLike[];
}

export interface ScopeApi {
  id: string;
  type: string;
  executionId: string;
  content: { parent?: { id?: string; executionId?: string; path?: { id?: string; executionId?: string }[] } };
  discard?(): void;
  getPostponed?(): ScopeApi[];
  owner?: { execution?: ScopeExecution & { getPostponed?(): ScopeApi[]; source?: { execution?: ScopeExecution & { getPostponed?(): ScopeApi[] }; getPostponed?(): ScopeApi[] } } };
}

const ARMED_STARTS = (info: ElementInfo) => Boolean(info.timer || info.messageName || info.signalName || info.conditional);

export class EventSubProcesses {
  /** scope id -> ids of the event sub-processes Baton arms in it */
  private readonly armed = new Map<string, string[]>();
  /** armed event sub-processes whose start events do not interrupt */
  private readonly rearmable = new Set<string>();
  /** ids of scopes that contain any event sub-process */
  private readonly hosts = new Set<string>();
  /** running executions of those scopes, by executionId, to interrupt them */
  private readonly running = new Map<string, { execution: () => (ScopeExecution & { getPostponed?(): ScopeApi[] }) | undefined }>();

  /**
   * @param findScope looks a scope execution up in the engine by executionId: after a recover from a
   *   snapshot, scopes started before the restart were never seen starting in this process
   */
  constructor(
    private readonly elements: Map<string, ElementInfo>,
    private readonly findScope: (executionId: string) => ScopeExecution | undefined = () => undefined,
  ) {
    for (const info of elements.values()) {
      if (!info.triggeredByEvent || !info.scope) continue;
      this.hosts.add(info.scope);
      const starts = [...elements.values()].filter((e) => e.scope === info.id && e.type === 'bpmn:StartEvent');
      if (!starts.some(ARMED_STARTS)) continue;
      this.armed.set(info.scope, [...(this.armed.get(info.scope) ?? []), info.id]);
      // a conditional start fires when its condition BECOMES true: armed again at once it would see the
      // same true condition and loop, so conditional event sub-processes run once per scope
      if (starts.every((start) => start.interrupting === false && !start.conditional)) this.rearmable.add(info.id);
    }
  }

  get any() {
    return this.hosts.size > 0;
  }

  /** engine listener: every event; acts on a scope (process / sub-process) starting or leaving */
  onEvent(name: string, api: ScopeApi) {
    if (name === 'activity.end' && this.rearmable.has(api.id)) return this.rearm(api);
    if (!this.hosts.has(api.id)) return;
    const isProcess = name === 'process.start';
    if (name === 'process.leave' || (name === 'activity.leave' && isScopeType(api.type))) {
      this.running.delete(api.executionId);
      return;
    }
    if (!isProcess && (name !== 'activity.start' || !isScopeType(api.type))) return;
    const execution = () => (isProcess ? api.owner?.execution : api.owner?.execution?.source?.execution);
    this.running.set(api.executionId, { execution });
    const ids = this.armed.get(api.id);
    if (!ids) return;
    // the scope's own execution exists once its start has been processed: arm right after
    queueMicrotask(() => {
      for (const id of ids) {
        const activity = execution()?.getActivityById(id);
        if (activity && !activity.isRunning) activity.run();
      }
    });
  }

  /** a non-interrupting event sub-process completed: wait for its start event again */
  private rearm(api: ScopeApi) {
    const scopeExecutionId = api.content.parent?.executionId;
    queueMicrotask(() => {
      const scope = scopeExecutionId ? this.scope(scopeExecutionId) : undefined;
      const activity = scope?.getActivityById(api.id);
      if (activity && !activity.isRunning) activity.run();
    });
  }

  /** engine listener: an interrupting event sub-process start fired — cancel the rest of its scope */
  onStartCompleted(api: ScopeApi) {
    const info = this.elements.get(api.id);
    if (!info?.interrupting || !info.scope) return;
    const eventSubProcess = this.elements.get(info.scope);
    if (!eventSubProcess?.triggeredByEvent) return;
    const scopeExecutionId = api.content.parent?.path?.[0]?.executionId;
    const scope = scopeExecutionId ? this.scope(scopeExecutionId) : undefined;
    // the scope's activities, not its postponed list: inside the synchronous chain that delivered a
    // thrown signal, the scope has not registered its running children as postponed yet
    for (const sibling of scope?.getActivities?.() ?? []) {
      if (sibling.id !== eventSubProcess.id && sibling.status) sibling.getApi().discard();
    }
  }

  private scope(executionId: string) {
    return this.running.get(executionId)?.execution() ?? this.findScope(executionId);
  }

  /**
   * Discards armed event sub-processes that still wait at their start event in a scope where nothing
   * else runs any more. Returns true when something was discarded (the engine must settle again).
   */
  releaseIdle(topLevel: ScopeApi[]): boolean {
    let released = false;
    const sweep = (list: ScopeApi[]) => {
      for (const api of list) if (isScopeType(api.type)) sweep(children(api));
      if (!list.length || !list.every((api) => this.isIdleArmed(api))) return;
      for (const api of list) api.discard?.();
      released = true;
    };
    sweep(topLevel);
    return released;
  }

  private isIdleArmed(api: ScopeApi) {
    if (!this.elements.get(api.id)?.triggeredByEvent) return false;
    const inside = children(api);
    // a waiting start event reports its event definition's type (bpmn:MessageEventDefinition...)
    return inside.length > 0 && inside.every((child) => this.elements.get(child.id)?.type === 'bpmn:StartEvent');
  }
}

function isScopeType(type: string) {
  return type === 'bpmn:SubProcess' || type === 'bpmn:Transaction';
}

/** what waits inside a sub-process (bpmn-elements lists the sub-process itself first: left out) */
function children(api: ScopeApi): ScopeApi[] {
  const list = api.getPostponed?.() ?? api.owner?.execution?.source?.getPostponed?.() ?? [];
  return list.filter((child) => child.id !== api.id);
}
