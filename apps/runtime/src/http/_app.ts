/** The root router: one router per domain. The web app imports only `type AppRouter` from here. */
import { authRouter, usersRouter } from './routers/auth.router.js';
import { definitionsRouter } from './routers/definitions.router.js';
import { diagramsRouter } from './routers/diagrams.router.js';
import { filtersRouter } from './routers/filters.router.js';
import { instancesRouter } from './routers/instances.router.js';
import { incidentsRouter, jobsRouter } from './routers/jobs.router.js';
import { messagesRouter, signalsRouter } from './routers/messages.router.js';
import { operationsRouter } from './routers/operations.router.js';
import { statsRouter } from './routers/stats.router.js';
import { tasksRouter } from './routers/tasks.router.js';
import { router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  diagrams: diagramsRouter,
  definitions: definitionsRouter,
  instances: instancesRouter,
  tasks: tasksRouter,
  filters: filtersRouter,
  messages: messagesRouter,
  signals: signalsRouter,
  jobs: jobsRouter,
  incidents: incidentsRouter,
  stats: statsRouter,
  operations: operationsRouter,
});

export type AppRouter = typeof appRouter;
