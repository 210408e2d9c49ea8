/**
 * Service, send and business-rule tasks with an external topic become Jobs: the engine's Service for
 * such a task never calls back by itself; it registers its callback here, the host lists registered
 * callbacks as job waits, and a worker's complete or BPMN error later calls it. bpmn-engine re-executes
 * an in-flight service on resume, so after a recover the callback is registered again (jobs are
 * at-least-once; the stable job id lets workers be idempotent).
 */
import type { ElementInfo } from './definition-model.js';

export interface PendingJob {
  executionId: string;
  elementId: string;
  topic: string;
  complete: (output: Record<string, unknown>) => void;
  fail: (error: Error) => void;
}

interface ActivityLike {
  id: string;
  behaviour: Record<string, unknown>;
}

interface ExecuteMessage {
  content: { executionId: string; id: string };
}

export class JobRegistry {
  readonly pending = new Map<string, PendingJob>();

  /** bpmn-elements `extensions` entry: gives topic-bearing tasks a Service that waits for a worker */
  extension(elements: Map<string, ElementInfo>) {
    const pending = this.pending;
    return (activity: ActivityLike) => {
      const info = elements.get(activity.id);
      if (!info?.topic) return;
      activity.behaviour.Service = function JobService() {
        return {
          execute(message: ExecuteMessage, callback: (error: Error | null, output?: unknown) => void) {
            const executionId = message.content.executionId;
            pending.set(executionId, {
              executionId,
              elementId: activity.id,
              topic: info.topic!,
              complete: (output) => {
                pending.delete(executionId);
                callback(null, output);
              },
              fail: (error) => {
                pending.delete(executionId);
                callback(error);
              },
            });
          },
          discard() {
            for (const [id, job] of pending) if (job.elementId === activity.id) pending.delete(id);
          },
          stop() {
            /* kept: a stopped engine is recovered from its snapshot, which re-executes the service */
          },
        };
      };
    };
  }
}

/** the error a worker's BPMN error becomes: bpmn-elements matches `code` against errorRef's errorCode */
export class WorkerBpmnError extends Error {
  override name = 'BpmnError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
