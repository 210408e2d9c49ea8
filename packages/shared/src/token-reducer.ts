import type { RuntimeEvent } from './schemas/event.js';

/**
 * The one pure reducer from RuntimeEvents to per-element state. The runtime uses it for
 * `instances.get().tokens` and the web for live overlays and replay, so both always agree.
 */
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
  wait?: { kind: string; detail: string };
}

export interface InstanceView {
  status: 'running' | 'completed' | 'failed' | 'cancelled';
  elements: Record<string, ElementState>;
  /** sequence flows taken (id -> times), for drawing the path so far */
  flows: Record<string, number>;
  lastSeq: number;
}

export function emptyView(): InstanceView {
  return { status: 'running', elements: {}, flows: {}, lastSeq: 0 };
}

function el(view: InstanceView, id: string): ElementState {
  let state = view.elements[id];
  if (!state) {
    state = { active: 0, completed: 0, cancelled: 0, incidents: 0, passes: 0 };
    view.elements[id] = state;
  }
  return state;
}

/** Applies one event in place and returns the view (callers that need immutability copy first). */
export function applyEvent(view: InstanceView, event: RuntimeEvent): InstanceView {
  if (event.seq <= view.lastSeq) return view; // idempotent under redelivery
  view.lastSeq = event.seq;
  switch (event.type) {
    case 'instance.started':
      view.status = 'running';
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
      break;
    case 'instance.failed':
      view.status = 'failed';
      break;
    case 'activity.entered': {
      const state = el(view, event.elementId);
      state.active += 1;
      state.passes += 1;
      break;
    }
    case 'activity.waiting':
      el(view, event.elementId).wait = { kind: event.kind, detail: event.detail };
      break;
    case 'activity.completed': {
      const state = el(view, event.elementId);
      state.active = Math.max(0, state.active - 1);
      state.completed += 1;
      if (state.active === 0) delete state.wait;
      break;
    }
    case 'activity.cancelled': {
      const state = el(view, event.elementId);
      state.active = Math.max(0, state.active - 1);
      state.cancelled += 1;
      if (state.active === 0) delete state.wait;
      break;
    }
    case 'flow.taken':
      view.flows[event.elementId] = (view.flows[event.elementId] ?? 0) + 1;
      break;
    case 'incident.raised':
      el(view, event.elementId).incidents += 1;
      break;
    case 'incident.resolved': {
      const state = el(view, event.elementId);
      state.incidents = Math.max(0, state.incidents - 1);
      break;
    }
    case 'task.created':
    case 'task.assigned':
    case 'task.completed':
    case 'task.cancelled':
    case 'timer.scheduled':
    case 'timer.fired':
    case 'message.correlated':
    case 'signal.received':
    case 'variables.updated':
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
