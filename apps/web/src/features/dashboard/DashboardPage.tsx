/**
 * Dashboard: numbers that link to the pre-filtered list they count, and charts (chart.js) of starts
 * and completions per minute over the last hour and average durations per process and per task.
 * The numbers come from stats.dashboard, which reads the event store (the same source as /metrics);
 * the page refreshes when instances change (live events), not by polling.
 */
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChartConfiguration } from 'chart.js';
import { useTRPC, useTRPCClient, errorMessage } from '../../trpc/trpc';
import { ChartCanvas } from '../../components/monitor/ChartCanvas';
import { formatDuration } from '../../components/monitor/format';
import '../../components/monitor/monitor.css';

const REFRESH_DEBOUNCE_MS = 1000;

function Card({ label, value, to, danger, testId }: { label: string; value: number; to: string; danger?: boolean; testId: string }) {
  return (
    <Link to={to} className={`card ${danger && value > 0 ? 'danger' : ''}`} data-testid={testId}>
      <span className="number">{value}</span>
      <span className="label">{label}</span>
    </Link>
  );
}

export default function DashboardPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const dashboard = useQuery(trpc.stats.dashboard.queryOptions());

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = client.instances.onEvent.subscribe(
      {},
      {
        onData: () => {
          timer ??= setTimeout(() => {
            timer = undefined;
            void queryClient.invalidateQueries({ queryKey: trpc.stats.dashboard.queryKey() });
          }, REFRESH_DEBOUNCE_MS);
        },
      },
    );
    return () => {
      sub.unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [client, queryClient, trpc]);

  const d = dashboard.data;
  const perMinute = useMemo<ChartConfiguration | null>(
    () =>
      d ? {
        type: 'line',
        data: {
          labels: d.perMinute.map((m) => new Date(`${m.minute}:00Z`).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })),
          datasets: [
            { label: 'started', data: d.perMinute.map((m) => m.started), borderColor: '#1f5fd6', backgroundColor: '#1f5fd6', tension: 0.2 },
            { label: 'completed', data: d.perMinute.map((m) => m.completed), borderColor: '#1a7f37', backgroundColor: '#1a7f37', tension: 0.2 },
          ],
        },
        options: { plugins: { title: { display: true, text: 'Instances per minute, last hour' } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      } : null,
    [d],
  );
  const durations = useMemo<ChartConfiguration | null>(
    () =>
      d ? {
        type: 'bar',
        data: {
          labels: d.processes.map((p) => p.key),
          datasets: [{ label: 'average duration (s)', data: d.processes.map((p) => (p.avgDurationMs ?? 0) / 1000), backgroundColor: '#1f5fd6' }],
        },
        options: { plugins: { title: { display: true, text: 'Average instance duration per process (completed, 7 days)' } } },
      } : null,
    [d],
  );
  const taskChart = useMemo<ChartConfiguration | null>(
    () =>
      d ? {
        type: 'bar',
        data: {
          labels: d.taskDurations.map((t) => `${t.key} / ${t.elementId}`),
          datasets: [{ label: 'average open time (s)', data: d.taskDurations.map((t) => (t.avgDurationMs ?? 0) / 1000), backgroundColor: '#9a6700' }],
        },
        options: { indexAxis: 'y', plugins: { title: { display: true, text: 'Average user task duration' } } },
      } : null,
    [d],
  );

  return (
    <div className="monitor-page" data-testid="dashboard-page">
      <h1>Dashboard</h1>
      {dashboard.error && <p className="alert error">{errorMessage(dashboard.error)}</p>}
      {dashboard.isLoading && <p className="muted">Loading…</p>}
      {d && (
        <>
          <div className="cards">
            <Card label="running" value={d.totals.running} to="/instances?status=running" testId="card-running" />
            <Card label="completed" value={d.totals.completed} to="/instances?status=completed" testId="card-completed" />
            <Card label="failed" value={d.totals.failed} to="/instances?status=failed" danger testId="card-failed" />
            <Card label="cancelled" value={d.totals.cancelled} to="/instances?status=cancelled" testId="card-cancelled" />
            <Card label="open incidents" value={d.totals.openIncidents} to="/instances?incident=yes" danger testId="card-incidents" />
            <Card label="open tasks" value={d.totals.openTasks} to="/tasks?queue=all" testId="card-open-tasks" />
            <Card label="overdue tasks" value={d.totals.overdueTasks} to="/tasks?queue=all&overdue=1" danger testId="card-overdue-tasks" />
          </div>
          <div className="charts">
            <div className="chart-box">{perMinute && <ChartCanvas config={perMinute} label="Instances started and completed per minute over the last hour" />}</div>
            <div className="chart-box">{durations && <ChartCanvas config={durations} label="Average duration per process" />}</div>
            {d.taskDurations.length > 0 && <div className="chart-box">{taskChart && <ChartCanvas config={taskChart} label="Average duration per user task" />}</div>}
          </div>
          <h2>Per process</h2>
          <table className="data" data-testid="dashboard-processes">
            <thead>
              <tr>
                <th>Process</th>
                <th>Running</th>
                <th>Completed</th>
                <th>Failed</th>
                <th>Cancelled</th>
                <th>Open incidents</th>
                <th>Avg duration</th>
              </tr>
            </thead>
            <tbody>
              {d.processes.map((p) => {
                const q = (extra: string) => `/instances?key=${encodeURIComponent(p.key)}${extra}`;
                return (
                  <tr key={p.key} data-key={p.key}>
                    <td><Link to={`/processes/${encodeURIComponent(p.key)}`}>{p.name}</Link></td>
                    <td><Link to={q('&status=running')} data-testid={`running-${p.key}`}>{p.running}</Link></td>
                    <td><Link to={q('&status=completed')}>{p.completed}</Link></td>
                    <td><Link to={q('&status=failed')}>{p.failed}</Link></td>
                    <td><Link to={q('&status=cancelled')}>{p.cancelled}</Link></td>
                    <td><Link to={q('&incident=yes')}>{p.openIncidents}</Link></td>
                    <td>{formatDuration(p.avgDurationMs)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {d.taskDurations.length > 0 && (
            <>
              <h2>User tasks</h2>
              <table className="data">
                <thead>
                  <tr>
                    <th>Process</th>
                    <th>Task</th>
                    <th>Completed</th>
                    <th>Avg duration</th>
                  </tr>
                </thead>
                <tbody>
                  {d.taskDurations.map((t) => (
                    <tr key={`${t.key}/${t.elementId}`}>
                      <td>{t.key}</td>
                      <td className="mono">{t.elementId}</td>
                      <td>{t.completed}</td>
                      <td>{formatDuration(t.avgDurationMs)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </div>
  );
}
