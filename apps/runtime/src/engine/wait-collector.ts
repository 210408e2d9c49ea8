/**
 * Turns what the engine has postponed after a step into Baton's wait descriptors: user tasks (with
 * assignment resolved from camunda:* attributes), timers (due times), message and signal catches.
 * Ids stay stable across steps: a wait whose executionId already has a row keeps that row's id.
 */
import { randomUUID } from 'node:crypto';
import type { ElementInfo } from './definition-model.js';
import type { RegisteredTimer } from './durable-timers.js';
import type { PendingJob } from './external-jobs.js';
import { resolveDue } from './iso-time.js';

export interface ExpressionEvaluator {
  /** evaluates `${...}` / `=...` text against variables; plain text is returned unchanged */
  evaluate(text: string, variables: Record<string, unknown>): unknown;
}

export interface TaskDetails {
  name: string;
  assignee: string | null;
  candidateUsers: string[];
  candidateGroups: string[];
  dueAt: string | null;
  followUpAt: string | null;
  priority: number;
  formKey: string | null;
  formFields: NonNullable<ElementInfo['formFields']>;
}

export interface WaitDescriptor {
  id: string;
  kind: 'task' | 'timer' | 'message' | 'signal' | 'job';
  elementId: string;
  executionId: string;
  task?: TaskDetails;
  timer?: { dueAt: string; expression: string | null };
  /** message or signal name, or the job topic */
  name?: string;
}

interface PostponedLike {
  id: string;
  type: string;
  executionId: string;
  content?: Record<string, unknown>;
}

/**
 * Variables local to one multi-instance iteration, as Camunda 7 names them: the element variable
 * (camunda:elementVariable, default "item") and loopCounter. bpmn-elements keeps them on the
 * iteration's message, not in the instance's variables.
 */
function iterationLocals(api: PostponedLike, info: ElementInfo | undefined): Record<string, unknown> {
  const content = api.content;
  if (!content?.isMultiInstance) return {};
  const locals: Record<string, unknown> = {};
  if (typeof content.index === 'number') locals.loopCounter = content.index;
  const name = info?.elementVariable ?? 'item';
  if (content[name] !== undefined) locals[name] = content[name];
  return locals;
}

interface CollectInput {
  postponed: PostponedLike[];
  timers: RegisteredTimer[];
  jobs: PendingJob[];
  elements: Map<string, ElementInfo>;
  variables: Record<string, unknown>;
  evaluator: ExpressionEvaluator;
  existingIds: Map<string, string>;
  now: Date;
  timerDueAt: (executionId: string) => string | undefined;
}

function list(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  if (value === undefined || value === null) return [];
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** task names may hold expressions ("Review ${item}"); a name that fails to evaluate stays as written */
function displayName(name: string, variables: Record<string, unknown>, evaluator: ExpressionEvaluator): string {
  if (!name.includes('${') && !name.startsWith('=')) return name;
  try {
    const value = evaluator.evaluate(name, variables);
    return value === undefined || value === null ? name : String(value);
  } catch {
    return name;
  }
}

export function resolveTask(info: ElementInfo | undefined, elementId: string, variables: Record<string, unknown>, evaluator: ExpressionEvaluator, now: Date): TaskDetails {
  const ev = (text: string | undefined) => (text === undefined ? undefined : evaluator.evaluate(text, variables));
  const assignee = ev(info?.assignee);
  const priority = Number(ev(info?.priority) ?? 50);
  return {
    name: displayName(info?.name ?? elementId, variables, evaluator),
    assignee: assignee === undefined || assignee === null || assignee === '' ? null : String(assignee),
    candidateUsers: list(ev(info?.candidateUsers)),
    candidateGroups: list(ev(info?.candidateGroups)),
    dueAt: resolveDue(ev(info?.dueDate), now) ?? null,
    followUpAt: resolveDue(ev(info?.followUpDate), now) ?? null,
    priority: Number.isFinite(priority) ? Math.trunc(priority) : 50,
    formKey: info?.formRef ?? info?.formKey ?? null,
    formFields: info?.formFields ?? [],
  };
}

export function collectWaits(input: CollectInput): WaitDescriptor[] {
  const waits: WaitDescriptor[] = [];
  const idFor = (executionId: string) => input.existingIds.get(executionId) ?? randomUUID();
  for (const api of input.postponed) {
    const info = input.elements.get(api.id);
    if (api.type === 'bpmn:UserTask') {
      const variables = { ...input.variables, ...iterationLocals(api, info) };
      waits.push({ id: idFor(api.executionId), kind: 'task', elementId: api.id, executionId: api.executionId, task: resolveTask(info, api.id, variables, input.evaluator, input.now) });
    } else if (info?.messageName && (api.type === 'bpmn:MessageEventDefinition' || api.type === 'bpmn:ReceiveTask' || api.type.endsWith('Event'))) {
      waits.push({ id: idFor(api.executionId), kind: 'message', elementId: api.id, executionId: api.executionId, name: info.messageName });
    } else if (info?.signalName) {
      waits.push({ id: idFor(api.executionId), kind: 'signal', elementId: api.id, executionId: api.executionId, name: info.signalName });
    }
  }
  for (const timer of input.timers) {
    const dueAt = input.timerDueAt(timer.executionId) ?? new Date(timer.registeredAt + timer.delayMs).toISOString();
    const info = input.elements.get(timer.elementId);
    waits.push({ id: idFor(timer.executionId), kind: 'timer', elementId: timer.elementId, executionId: timer.executionId, timer: { dueAt, expression: info?.timer?.expression ?? null } });
  }
  for (const job of input.jobs) {
    waits.push({ id: idFor(job.executionId), kind: 'job', elementId: job.elementId, executionId: job.executionId, name: job.topic });
  }
  return waits;
}
