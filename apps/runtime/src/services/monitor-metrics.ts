/**
 * The dashboard's numbers on /metrics: gauges whose values are read from the store when Prometheus
 * scrapes (prom-client's async collect), so /metrics and the dashboard come from one source.
 */
import { Gauge } from 'prom-client';
import type { Metrics } from './metrics.js';
import type { MonitorService } from './monitor-service.js';

export function registerMonitorMetrics(metrics: Metrics, monitor: MonitorService): void {
  const registers = [metrics.registry];
  let latest: Promise<Awaited<ReturnType<MonitorService['dashboard']>>> | undefined;
  // one dashboard read per scrape, shared by every gauge below
  const read = () => {
    latest ??= monitor.dashboard().finally(() => setTimeout(() => (latest = undefined), 500));
    return latest;
  };
  new Gauge({
    name: 'baton_instances',
    help: 'Instances per process key and status',
    labelNames: ['key', 'status'],
    registers,
    async collect() {
      const d = await read();
      this.reset();
      for (const p of d.processes) for (const status of ['running', 'completed', 'failed', 'cancelled'] as const) this.set({ key: p.key, status }, p[status]);
    },
  });
  new Gauge({
    name: 'baton_open_incidents',
    help: 'Open incidents per process key',
    labelNames: ['key'],
    registers,
    async collect() {
      const d = await read();
      this.reset();
      for (const p of d.processes) this.set({ key: p.key }, p.openIncidents);
    },
  });
  new Gauge({
    name: 'baton_overdue_tasks',
    help: 'Open user tasks past their due date',
    registers,
    async collect() {
      this.set((await read()).totals.overdueTasks);
    },
  });
  new Gauge({
    name: 'baton_instance_avg_duration_seconds',
    help: 'Average duration of completed instances (last 7 days) per process key',
    labelNames: ['key'],
    registers,
    async collect() {
      const d = await read();
      this.reset();
      for (const p of d.processes) if (p.avgDurationMs !== null) this.set({ key: p.key }, p.avgDurationMs / 1000);
    },
  });
  // the existing open-tasks gauge gets its value from the same read
  const openTasks = metrics.openTasks as Gauge & { collect?: () => Promise<void> };
  openTasks.collect = async function collect() {
    openTasks.set((await read()).totals.openTasks);
  };
}
