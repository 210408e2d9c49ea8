/** Prometheus metrics, one registry per runtime (no module-level singletons). */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export function createMetrics(probes: { hotEngines?: () => number } = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    instancesStarted: new Counter({ name: 'baton_instances_started_total', help: 'Instances started', labelNames: ['key'], registers: [registry] }),
    instancesCompleted: new Counter({ name: 'baton_instances_completed_total', help: 'Instances completed', labelNames: ['key'], registers: [registry] }),
    commits: new Counter({ name: 'baton_commits_total', help: 'Instance step commits', registers: [registry] }),
    commitSeconds: new Histogram({ name: 'baton_commit_seconds', help: 'Latency of one step commit', buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers: [registry] }),
    openTasks: new Gauge({ name: 'baton_open_tasks', help: 'Open user tasks', registers: [registry] }),
    hotEngines: new Gauge({ name: 'baton_hot_engines', help: 'Engines kept in memory', registers: [registry], collect() { if (probes.hotEngines) this.set(probes.hotEngines()); } }),
    sseSubscribers: new Gauge({ name: 'baton_sse_subscribers', help: 'Live event subscribers', registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
