/**
 * The inbox query <-> URL search params, so a queue, filters and sort can be bookmarked and shared.
 * Variable conditions travel as repeated `var=<op>:<name>:<value>` params (the value may contain ":").
 * Unknown or malformed params are ignored rather than breaking the page.
 */
import { TaskQueue, TaskSort, VariableOperator, type TaskQuery, type VariableCondition } from '@baton/shared';

const TEXT_KEYS = ['processKey', 'taskName', 'assignee', 'candidateGroup', 'businessKey', 'dueBefore', 'dueAfter', 'createdAfter', 'createdBefore'] as const;
const NUMBER_KEYS = ['priorityMin', 'priorityMax'] as const;

export const DEFAULT_QUEUE = 'mine' as const;

export function queryFromSearch(params: URLSearchParams): TaskQuery {
  const query: TaskQuery = {};
  const queue = TaskQueue.safeParse(params.get('queue') ?? DEFAULT_QUEUE);
  query.queue = queue.success ? queue.data : DEFAULT_QUEUE;
  for (const key of TEXT_KEYS) {
    const value = params.get(key)?.trim();
    if (value) query[key] = value;
  }
  for (const key of NUMBER_KEYS) {
    const value = params.get(key);
    if (value !== null && value.trim() !== '' && Number.isInteger(Number(value))) query[key] = Number(value);
  }
  if (params.get('overdue') === '1') query.overdue = true;
  const sort = TaskSort.safeParse(params.get('sort'));
  if (sort.success) query.sort = sort.data;
  const order = params.get('order');
  if (order === 'asc' || order === 'desc') query.order = order;
  const variables = params.getAll('var').map(parseCondition).filter((c): c is VariableCondition => !!c);
  if (variables.length) query.variables = variables;
  return query;
}

export function searchFromQuery(query: TaskQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.queue && query.queue !== DEFAULT_QUEUE) params.set('queue', query.queue);
  for (const key of TEXT_KEYS) if (query[key]) params.set(key, String(query[key]));
  for (const key of NUMBER_KEYS) if (query[key] !== undefined) params.set(key, String(query[key]));
  if (query.overdue) params.set('overdue', '1');
  if (query.sort) params.set('sort', query.sort);
  if (query.order) params.set('order', query.order);
  for (const c of query.variables ?? []) params.append('var', `${c.op}:${c.name}:${c.value === null ? '' : String(c.value)}`);
  return params;
}

function parseCondition(text: string): VariableCondition | undefined {
  const first = text.indexOf(':');
  const second = text.indexOf(':', first + 1);
  if (first < 0 || second < 0) return undefined;
  const op = VariableOperator.safeParse(text.slice(0, first));
  const name = text.slice(first + 1, second).trim();
  if (!op.success || !name) return undefined;
  return { op: op.data, name, value: text.slice(second + 1) };
}

/** the filters that narrow a queue (for "N filters" badges and "Clear filters") */
export function activeFilterCount(query: TaskQuery): number {
  let n = 0;
  for (const key of [...TEXT_KEYS, ...NUMBER_KEYS] as const) if (query[key] !== undefined) n += 1;
  if (query.overdue) n += 1;
  return n + (query.variables?.length ?? 0);
}
