/**
 * The history panel's tree: element instances (from the shared reducer) nested under the sub-process
 * instance they ran in. A child belongs to the latest execution of its enclosing sub-process entered
 * before it; elements at process level are roots. Also the audit lines: events a person or worker
 * caused (they carry `actor`), in the words an operator reads.
 */
import type { ExecutionRecord, RuntimeEvent } from '@baton/shared';

export interface HistoryNode {
  record: ExecutionRecord;
  children: HistoryNode[];
}

export function historyTree(executions: readonly ExecutionRecord[], parentOf: (elementId: string) => string | null): HistoryNode[] {
  const roots: HistoryNode[] = [];
  const nodes: HistoryNode[] = [];
  for (const record of executions) {
    const node: HistoryNode = { record, children: [] };
    const parentElement = parentOf(record.elementId);
    let parent: HistoryNode | undefined;
    if (parentElement) {
      for (let i = nodes.length - 1; i >= 0; i--) {
        if (nodes[i].record.elementId === parentElement && nodes[i].record.enteredSeq < record.enteredSeq) {
          parent = nodes[i];
          break;
        }
      }
    }
    (parent ? parent.children : roots).push(node);
    nodes.push(node);
  }
  return roots;
}

const AUDITED: Partial<Record<RuntimeEvent['type'], (e: never) => string>> = {
  'instance.started': () => 'started the instance',
  'instance.cancelled': () => 'cancelled the instance',
  'variables.updated': (e: { names: string[] }) => `set variables ${e.names.join(', ')}`,
  'task.assigned': (e: { assignee: string | null; elementId: string }) => (e.assignee ? `assigned task ${e.elementId} to ${e.assignee}` : `unassigned task ${e.elementId}`),
  'task.completed': (e: { elementId: string }) => `completed task ${e.elementId}`,
  'task.delegated': (e: { elementId: string; assignee: string }) => `delegated task ${e.elementId} to ${e.assignee}`,
  'task.resolved': (e: { elementId: string }) => `resolved task ${e.elementId}`,
  'task.updated': (e: { elementId: string }) => `updated task ${e.elementId}`,
  'task.commented': (e: { elementId: string }) => `commented on task ${e.elementId}`,
  'message.correlated': (e: { name: string }) => `correlated message ${e.name}`,
  'signal.received': (e: { name: string }) => `broadcast signal ${e.name}`,
  'incident.resolved': (e: { elementId: string }) => `retried the incident at ${e.elementId}`,
  'job.completed': (e: { elementId: string }) => `completed job at ${e.elementId}`,
  'job.failed': (e: { elementId: string; message: string }) => `failed job at ${e.elementId}: ${e.message}`,
};

export interface AuditLine {
  seq: number;
  at: string;
  actor: string;
  text: string;
  elementId?: string;
}

export function auditLines(events: readonly RuntimeEvent[]): AuditLine[] {
  const out: AuditLine[] = [];
  for (const e of events) {
    const describe = AUDITED[e.type];
    if (!e.actor || !describe) continue;
    out.push({ seq: e.seq, at: e.at, actor: e.actor, text: describe(e as never), ...('elementId' in e && typeof e.elementId === 'string' ? { elementId: e.elementId } : {}) });
  }
  return out;
}

/** for each variable name, the elements whose step changed it (task completions, job completions) */
export function variableSources(events: readonly RuntimeEvent[]): Record<string, string[]> {
  const sources: Record<string, Set<string>> = {};
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.type !== 'variables.updated') continue;
    // the same command's step: the next event with the same time and actor names the element
    const next = events.slice(i + 1, i + 4).find((n) => n.at === e.at && 'elementId' in n && typeof n.elementId === 'string');
    for (const name of e.names) {
      sources[name] ??= new Set();
      if (next && 'elementId' in next && typeof next.elementId === 'string') sources[name].add(next.elementId);
    }
  }
  return Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, [...v]]));
}
