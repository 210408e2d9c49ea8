/**
 * The instance list's filters <-> the URL query string, so every filtered list is a link:
 *   ?status=running&key=order&version=2&businessKey=B-1&from=2030-01-01T00:00&to=...&incident=yes
 *   &var=gt:amount:1000&var=contains:customer:acme&element=review&cursor=...
 * Conditions are written `op:name:value` as in the task inbox's URLs (the value may contain ":");
 * values are typed like JSON where they parse (1000, true, null), as text otherwise.
 */
import type { ListInstancesInput, VariableCondition } from '@baton/shared';

export type InstanceListFilters = NonNullable<ListInstancesInput>;

const OPS = ['eq', 'neq', 'lt', 'gt', 'contains'] as const;
const STATUSES = ['running', 'completed', 'failed', 'cancelled'] as const;

function parseValue(text: string): VariableCondition['value'] {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  return text;
}

export function formatCondition(c: VariableCondition): string {
  return `${c.op}:${c.name}:${c.value === null ? 'null' : String(c.value)}`;
}

export function parseCondition(text: string): VariableCondition | undefined {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  if (first <= 0 || second < 0) return undefined;
  const op = text.slice(0, first) as VariableCondition['op'];
  const name = text.slice(first + 1, second).trim();
  if (!OPS.includes(op) || !name) return undefined;
  return { name, op, value: parseValue(text.slice(second + 1)) };
}

/** datetime-local "2030-01-01T10:00" (local time) -> ISO; ISO stays ISO */
function toIso(value: string): string | undefined {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function filtersFromSearch(params: URLSearchParams): InstanceListFilters {
  const f: InstanceListFilters = {};
  const status = params.get('status');
  if (status && (STATUSES as readonly string[]).includes(status)) f.status = status as InstanceListFilters['status'];
  const key = params.get('key');
  if (key) f.key = key;
  const version = Number(params.get('version'));
  if (params.get('version') && Number.isInteger(version)) f.version = version;
  const businessKey = params.get('businessKey');
  if (businessKey) f.businessKey = businessKey;
  const from = params.get('from') && toIso(params.get('from')!);
  if (from) f.startedAfter = from;
  const to = params.get('to') && toIso(params.get('to')!);
  if (to) f.startedBefore = to;
  const incident = params.get('incident');
  if (incident === 'yes') f.hasIncident = true;
  if (incident === 'no') f.hasIncident = false;
  const conditions = params.getAll('var').map(parseCondition).filter((c): c is VariableCondition => !!c);
  if (conditions.length) f.variables = conditions;
  const element = params.get('element');
  if (element) f.elementId = element;
  const cursor = params.get('cursor');
  if (cursor) f.cursor = cursor;
  return f;
}

/** the query string for filters; `from`/`to` keep what the user typed */
export function searchFromFilters(f: InstanceListFilters, raw: { from?: string; to?: string } = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status) p.set('status', f.status);
  if (f.key) p.set('key', f.key);
  if (f.version !== undefined) p.set('version', String(f.version));
  if (f.businessKey) p.set('businessKey', f.businessKey);
  if (raw.from ?? f.startedAfter) p.set('from', raw.from ?? f.startedAfter!);
  if (raw.to ?? f.startedBefore) p.set('to', raw.to ?? f.startedBefore!);
  if (f.hasIncident !== undefined) p.set('incident', f.hasIncident ? 'yes' : 'no');
  for (const c of f.variables ?? []) p.append('var', formatCondition(c));
  if (f.elementId) p.set('element', f.elementId);
  if (f.cursor) p.set('cursor', f.cursor);
  return p;
}
