import { DashboardInput } from '@baton/shared';
import { authedProcedure, router } from '../trpc.js';

/** the dashboard's numbers (the same ones /metrics exports) */
export const statsRouter = router({
  dashboard: authedProcedure.input(DashboardInput).query(async ({ ctx, input }) => {
    const dashboard = await ctx.services.monitor.dashboard();
    if (!input?.key) return dashboard;
    return { ...dashboard, processes: dashboard.processes.filter((p) => p.key === input.key), taskDurations: dashboard.taskDurations.filter((t) => t.key === input.key) };
  }),
});
