/**
 * Walking what a bpmn-engine execution has postponed (waiting or running activities): into embedded
 * and event sub-processes and into the iterations of multi-instance activities, so the host sees
 * every wait with its own executionId; and finding a running scope (process or sub-process) again
 * by executionId, also in an engine just recovered from a snapshot.
 */
import type { Engine } from 'bpmn-engine';
import type { ScopeExecution } from './event-sub-processes.js';

export interface PostponedApi {
  id: string;
  type: string;
  executionId: string;
  content: Record<string, unknown>;
  signal(message?: unknown): void;
  discard?(): void;
  getPostponed?(): PostponedApi[];
  owner?: { execution?: { getPostponed?(): PostponedApi[]; source?: { getPostponed?(): PostponedApi[] } } };
}

interface ExecutionLike {
  getPostponed(): PostponedApi[];
}

/** postponed activities, including those inside (event) sub-processes */
export function allPostponed(execution: unknown): PostponedApi[] {
  const result: PostponedApi[] = [];
  const seen = new Set<string>();
  const visit = (list: PostponedApi[]) => {
    for (const api of list) {
      const key = `${api.id}:${api.executionId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (api.type === 'bpmn:SubProcess' || api.type === 'bpmn:Transaction') {
        const children = api.getPostponed?.() ?? api.owner?.execution?.source?.getPostponed?.() ?? [];
        visit(children);
        continue;
      }
      // a multi-instance task waits in its iterations (each its own executionId, task row and item)
      if (api.content?.isMultiInstance) {
        const iterations = (api.owner?.execution?.getPostponed?.() ?? []).filter((it) => it.executionId.startsWith(`${api.executionId}_`));
        if (iterations.length) {
          visit(iterations);
          continue;
        }
      }
      result.push(api);
    }
  };
  visit((execution as ExecutionLike).getPostponed());
  return result;
}

/** the ProcessExecution of a running process or sub-process, by its executionId */
export function findScopeExecution(engine: Engine | undefined, executionId: string): ScopeExecution | undefined {
  const execution = engine?.execution as unknown as { definitions?: { getProcesses?(): { executionId?: string; execution?: ScopeExecution }[] }[] } | undefined;
  for (const definition of execution?.definitions ?? []) {
    for (const process of definition.getProcesses?.() ?? []) if (process.executionId === executionId) return process.execution;
  }
  const visit = (list: PostponedApi[]): ScopeExecution | undefined => {
    for (const api of list) {
      if (api.type !== 'bpmn:SubProcess' && api.type !== 'bpmn:Transaction') continue;
      const scope = (api.owner?.execution?.source as { execution?: ScopeExecution } | undefined)?.execution;
      if (api.executionId === executionId && scope) return scope;
      const found = visit((api.getPostponed?.() ?? []).filter((child) => child.executionId !== api.executionId));
      if (found) return found;
    }
    return undefined;
  };
  return execution ? visit((execution as unknown as ExecutionLike).getPostponed()) : undefined;
}

export function findPostponed(execution: unknown, executionId: string): PostponedApi | undefined {
  return allPostponed(execution).find((api) => api.executionId === executionId);
}
