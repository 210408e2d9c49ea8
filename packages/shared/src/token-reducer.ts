import type { RuntimeEvent } from './schemas/event.js';

/**
 * The one pure reducer from RuntimeEvents to per-element state. The runtime uses it for
 * `instances.get().tokens` and the web for live overlays and replay, so both always agree.
 */
export interface WaitState {
  kind: string;
  detail: string;
  /** timers: the computed due time (ISO) and the expression it came from */
  dueAt?: string;
  expression?: string;
  /** user tasks: the current assignee (null = unassigned) */
  assignee?: string | null;
  taskId?: string;
}

export interface ElementState {
  /** tokens currently at the element (entered, not yet completed or cancelled) */
  active: number;
  completed: number;
  cancelled: number;
  /** open incidents */
  incidents: number;
  /** how many times a token entered (loop pass count) */
  passes: number;
  /** the last wait description while active, e.g. "timer due 14:05" */
  wait?: WaitState;
}

/** One pass of a token through an element (an "element instance"), for the history panel. */
export interface ExecutionRecord {
  executionId: string;
  elementId: string;
  elementType?: string;
  state: 'active' | 'completed' | 'cancelled';
  enteredAt: string;
  endedAt?: string;
  durationMs?: number;
  enteredSeq: number;
}

/** What a sequence flow's condition evaluated to the last time its source decided ("why this path"). */
export interface FlowDecision {
  taken: boolean;
  condition?: string;
  result?: boolean;
  seq: number;
}

export interface OpenIncident {
  incidentId: string;
  elementId: string;
  message: string;
  at: string;
}

export interface InstanceView {
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  elements: Record<string, ElementState>;
  /** sequence flows taken (id -> times), for drawing the path so far */
  flows: Record<string, number>;
  /** sequence flows not taken (id -> times) */
  skipped: Record<string, number>;
  /** the latest decision per sequence flow that has one */
  decisions: Record<string, FlowDecision>;
  /** element instances in the order they were entered */
  executions: ExecutionRecord[];
  incidents: OpenIncident[];
  /** variable values recorded in the history so far (only what events carry) */
  variables: Record<string, unknown>;
  /** variable names changed by the last event that changed any */
  changedVariables: string[];
  lastSeq: number;
  lastAt?: string;
}

export function emptyView(): InstanceView {
  return { status: 'running', elements: {}, flows: {}, skipped: {}, decisions: {}, executions: [], incidents: [], variables: {}, changedVariables: [], lastSeq: 0 };
}

function el(view: InstanceView, id: string): ElementState {
  let state = view.elements[id];
  if (!state) {
    state = { active: 0, completed: 0, cancelled: 0, incidents: 0, passes: 0 };
    view.elements[id] = state;
  }
  return state;
}

/** the open execution record for an element: by execution id when known, else the oldest active one */
function openExecution(view: InstanceView, elementId: string, executionId?: string): ExecutionRecord | undefined {
  for (const record of view.executions) {
    if (record.state !== 'active' || record.elementId !== elementId) continue;
    if (executionId === undefined || record.executionId === executionId) return record;
  }
  return undefined;
}

function endExecution(view: InstanceView, elementId: string, executionId: string | undefined, state: 'completed' | 'cancelled', at: string, durationMs?: number) {
  const record = openExecution(view, elementId, executionId) ?? (executionId !== undefined ? openExecution(view, elementId) : undefined);
  if (!record) return;
  record.state = state;
  record.endedAt = at;
  record.durationMs = durationMs ?? Math.max(0, Date.parse(at) - Date.parse(record.enteredAt));
}

function decide(view: InstanceView, event: { elementId: string; condition?: string; result?: boolean; seq: number }, taken: boolean) {
  view.decisions[event.elementId] = {
    taken,
    seq: event.seq,
    ...(event.condition !== undefined ? { condition: event.condition } : {}),
    ...(event.result !== undefined ? { result: event.result } : {}),
  };
}

/** Applies one event in place and returns the view (callers that need immutability copy first). */
export function applyEvent(view: InstanceView, event: RuntimeEvent): InstanceView {
  if (event.seq <= view.lastSeq) return view; // idempotent under redelivery
  view.lastSeq = event.seq;
  view.lastAt = event.at;
  switch (event.type) {
    case 'instance.started':
      view.status = 'running';
      if (event.variables) {
        Object.assign(view.variables, event.variables);
        view.changedVariables = Object.keys(event.variables);
      }
      break;
    case 'instance.completed':
      view.status = 'completed';
      break;
    case 'instance.cancelled':
      view.status = 'cancelled';
      for (const state of Object.values(view.elements)) {
        state.cancelled += state.active;
        state.active = 0;
        delete state.wait;
      }
      for (const record of view.executions) {
        if (record.state !== 'active') continue;
        record.state = 'cancelled';
        record.endedAt = event.at;
        record.durationMs = Math.max(0, Date.parse(event.at) - Date.parse(record.enteredAt));
      }
      break;
    case 'instance.failed':
      view.status = 'failed';
      break;
    case 'activity.entered': {
      const state = el(view, event.elementId);
      state.active += 1;
      state.passes += 1;
      view.executions.push({
        executionId: event.executionId ?? `${event.elementId}#${event.seq}`,
        elementId: event.elementId,
        ...(event.elementType ? { elementType: event.elementType } : {}),
        state: 'active',
        enteredAt: event.at,
        enteredSeq: event.seq,
      });
      break;
    }
    case 'activity.waiting': {
      const state = el(view, event.elementId);
      // a timer's due time and expression arrive with timer.scheduled; keep them if already known
      state.wait = { ...(state.wait?.kind === event.kind ? state.wait : {}), kind: event.kind, detail: event.detail };
      break;
    }
    case 'activity.completed': {
      const state = el(view, event.elementId);
      state.active = Math.max(0, state.active - 1);
      state.completed += 1;
      if (state.active === 0) delete state.wait;
      endExecution(view, event.elementId, event.executionId, 'completed', event.at, event.durationMs);
      break;
    }
    case 'activity.cancelled': {
      const state = el(view, event.elementId);
      state.active = Math.max(0, state.active - 1);
      state.cancelled += 1;
      if (state.active === 0) delete state.wait;
      endExecution(view, event.elementId, event.executionId, 'cancelled', event.at);
      break;
    }
    case 'flow.taken':
      view.flows[event.elementId] = (view.flows[event.elementId] ?? 0) + 1;
      decide(view, event, true);
      break;
    case 'flow.skipped':
      view.skipped[event.elementId] = (view.skipped[event.elementId] ?? 0) + 1;
      decide(view, event, false);
      break;
    case 'incident.raised':
      el(view, event.elementId).incidents += 1;
      view.incidents.push({ incidentId: event.incidentId, elementId: event.elementId, message: event.message, at: event.at });
      break;
    case 'incident.resolved': {
      const state = el(view, event.elementId);
      state.incidents = Math.max(0, state.incidents - 1);
      view.incidents = view.incidents.filter((i) => i.incidentId !== event.incidentId);
      break;
    }
    case 'task.created': {
      const state = el(view, event.elementId);
      state.wait = { ...(state.wait ?? { kind: 'task', detail: `task ${event.name}` }), assignee: event.assignee, taskId: event.taskId };
      break;
    }
    case 'task.assigned': {
      const state = el(view, event.elementId);
      if (state.wait) state.wait = { ...state.wait, assignee: event.assignee, taskId: event.taskId };
      break;
    }
    case 'task.delegated': {
      const state = el(view, event.elementId);
      if (state.wait) state.wait = { ...state.wait, assignee: event.assignee, taskId: event.taskId };
      break;
    }
    case 'task.resolved': {
      const state = el(view, event.elementId);
      if (state.wait) state.wait = { ...state.wait, assignee: event.owner, taskId: event.taskId };
      break;
    }
    case 'timer.scheduled': {
      const state = el(view, event.elementId);
      state.wait = {
        ...(state.wait ?? { kind: 'timer', detail: `timer due ${event.dueAt}` }),
        dueAt: event.dueAt,
        ...(event.expression !== undefined ? { expression: event.expression } : {}),
      };
      break;
    }
    case 'variables.updated':
      view.changedVariables = [...event.names];
      if (event.values) Object.assign(view.variables, event.values);
      break;
    case 'task.completed':
    case 'task.cancelled':
    case 'task.updated':
    case 'task.commented':
    case 'timer.fired':
    case 'message.correlated':
    case 'signal.received':
    case 'job.created':
    case 'job.completed':
    case 'job.failed':
      break;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
  return view;
}

export function reduceEvents(events: readonly RuntimeEvent[], view: InstanceView = emptyView()): InstanceView {
  for (const event of events) applyEvent(view, event);
  return view;
}

/** Replay: the view as it was right after the event with `seq` (events are in seq order). */
export function reduceUntil(events: readonly RuntimeEvent[], seq: number): InstanceView {
  const view = emptyView();
  for (const event of events) {
    if (event.seq > seq) break;
    applyEvent(view, event);
  }
  return view;
}

/** Token counts in the API's shape: the elements where the instance currently waits or runs. */
export function tokensOf(view: InstanceView): { elementId: string; count: number }[] {
  return Object.entries(view.elements)
    .filter(([, state]) => state.active > 0)
    .map(([elementId, state]) => ({ elementId, count: state.active }));
}

/**
 * Advances stored token counts by new events (the runtime keeps `tokens` on the instance row this way,
 * without replaying history); same rules as applyEvent.
 */
export function advanceTokens(tokens: readonly { elementId: string; count: number }[], events: readonly { type: string; elementId?: string }[]): { elementId: string; count: number }[] {
  const counts = new Map(tokens.map((t) => [t.elementId, t.count]));
  for (const event of events) {
    if (!event.elementId) {
      if (event.type === 'instance.cancelled' || event.type === 'instance.completed' || event.type === 'instance.failed') counts.clear();
      continue;
    }
    if (event.type === 'activity.entered') counts.set(event.elementId, (counts.get(event.elementId) ?? 0) + 1);
    if (event.type === 'activity.completed' || event.type === 'activity.cancelled') counts.set(event.elementId, Math.max(0, (counts.get(event.elementId) ?? 0) - 1));
  }
  return [...counts].filter(([, count]) => count > 0).map(([elementId, count]) => ({ elementId, count }));
}
