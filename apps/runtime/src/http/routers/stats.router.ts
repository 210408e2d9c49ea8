import { z } from 'zod';
import { DashboardInput, Id } from '@baton/shared';
import { monitorProcedure, router } from '../trpc.js';

/** the dashboard's numbers (the same ones /metrics exports) */
export const statsRouter = router({
  dashboard: monitorProcedure.input(DashboardInput).query(async ({ ctx, input }) => {
    const dashboard = await ctx.services.monitor.dashboard();
    if (!input?.key) return dashboard;
    return { ...dashboard, processes: dashboard.processes.filter((p) => p.key === input.key), taskDurations: dashboard.taskDurations.filter((t) => t.key === input.key) };
  }),
  /** SLA view of a definition: open user tasks per element, overdue and due soon (default: within 24 h) */
  sla: monitorProcedure
    .input(z.object({ definitionId: Id, soonMs: z.number().int().min(0).max(30 * 86_400_000).optional() }))
    .query(async ({ ctx, input }) => ({ items: await ctx.services.monitor.taskSla(input.definitionId, input.soonMs) })),
});
