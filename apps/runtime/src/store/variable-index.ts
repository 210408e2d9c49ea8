/**
 * The indexed form of an instance's top-level variables (table instance_variables), and the SQL
 * conditions that filter instances by them. Same meaning as variable-conditions.ts (the inbox's
 * in-memory evaluation): numbers compare as numbers when both sides are numeric, otherwise as text
 * (ISO dates order correctly); `contains` is case-insensitive; a missing variable satisfies only `neq`.
 * Text is kept up to TEXT_MAX characters, enough for every value a filter can hold.
 */
import type { VariableCondition } from '@baton/shared';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Database } from './db-schema.js';

export const TEXT_MAX = 1000;

export interface VariableIndexRow {
  instance_id: string;
  name: string;
  kind: 'number' | 'string' | 'boolean' | 'null' | 'json';
  num_value: number | null;
  text_value: string | null;
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function variableIndexRows(instanceId: string, variables: Record<string, unknown>): VariableIndexRow[] {
  return Object.entries(variables).map(([name, value]) => {
    const kind: VariableIndexRow['kind'] =
      value === null || value === undefined ? 'null'
      : typeof value === 'number' ? 'number'
      : typeof value === 'string' ? 'string'
      : typeof value === 'boolean' ? 'boolean'
      : 'json';
    const text = kind === 'null' ? null : typeof value === 'string' ? value : JSON.stringify(value);
    return { instance_id: instanceId, name: name.slice(0, 200), kind, num_value: asNumber(value) ?? null, text_value: text === null ? null : text.slice(0, TEXT_MAX) };
  });
}

type VarEb = ExpressionBuilder<Database, 'instance_variables'>;

/** the condition on one instance_variables row for `eq` */
function equalsRow(eb: VarEb, value: VariableCondition['value']): Expression<SqlBool> {
  if (value === null || value === 'null') return eb('kind', '=', 'null');
  const n = asNumber(value);
  const options: Expression<SqlBool>[] = [];
  if (typeof value === 'number') options.push(eb('num_value', '=', value));
  else {
    if (n !== undefined) options.push(eb.and([eb('kind', '=', 'number'), eb('num_value', '=', n)]));
    options.push(eb.and([eb('kind', '!=', 'null'), eb('text_value', '=', String(value))]));
  }
  return eb.or(options);
}

function rowCondition(eb: VarEb, c: VariableCondition): Expression<SqlBool> {
  switch (c.op) {
    case 'eq':
    case 'neq':
      return equalsRow(eb, c.value);
    case 'lt':
    case 'gt': {
      const op = c.op === 'lt' ? '<' : '>';
      if (c.value === null) return sql<SqlBool>`1 = 0`;
      const n = asNumber(c.value);
      const asText = eb.and([eb('kind', '!=', 'null'), eb('num_value', 'is', null), eb('text_value', op, String(c.value))]);
      if (n === undefined) return eb.and([eb('kind', '!=', 'null'), eb('text_value', op, String(c.value))]);
      return eb.or([eb('num_value', op, n), asText]);
    }
    case 'contains': {
      if (c.value === null) return sql<SqlBool>`1 = 0`;
      const pattern = `%${String(c.value).toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      return eb.and([eb('kind', '!=', 'null'), sql<SqlBool>`lower(text_value) like ${pattern} escape '\\'`]);
    }
    default: {
      const unreachable: never = c.op;
      return unreachable;
    }
  }
}

/** a condition on `instances` that holds when the instance's variables satisfy `c` */
export function instanceMatches(eb: ExpressionBuilder<Database, 'instances'>, c: VariableCondition): Expression<SqlBool> {
  const sub = eb
    .selectFrom('instance_variables')
    .select('instance_variables.instance_id')
    .whereRef('instance_variables.instance_id', '=', 'instances.id')
    .where('instance_variables.name', '=', c.name)
    .where((v) => rowCondition(v as unknown as VarEb, c));
  return c.op === 'neq' ? eb.not(eb.exists(sub)) : eb.exists(sub);
}
