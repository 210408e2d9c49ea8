/**
 * The route table — the one place that maps URLs to screens. Every page is lazy-loaded so the
 * modeler (bpmn-js, properties panel, form-js) is fetched only when the editor opens.
 * Each `lazy` module must `export default` its page component.
 */
import type { RouteObject } from 'react-router';
import { Navigate } from 'react-router';
import { AppLayout } from './components/AppLayout';
import { RequireAuth } from './components/RequireAuth';

const page = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({
  Component: (await load()).default,
});

export const routes: RouteObject[] = [
  { path: '/login', lazy: page(() => import('./features/login/LoginPage')) },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/tasks" replace /> },
      { path: '/diagrams', lazy: page(() => import('./features/diagrams/DiagramsPage')) },
      { path: '/diagrams/:id', lazy: page(() => import('./features/diagrams/DiagramEditorPage')) },
      { path: '/processes', lazy: page(() => import('./features/processes/ProcessesPage')) },
      { path: '/processes/:key', lazy: page(() => import('./features/processes/ProcessPage')) },
      { path: '/instances', lazy: page(() => import('./features/instances/InstancesPage')) },
      { path: '/instances/:id', lazy: page(() => import('./features/instances/InstancePage')) },
      { path: '/tasks', lazy: page(() => import('./features/tasks/TasksPage')) },
      { path: '/tasks/:id', lazy: page(() => import('./features/tasks/TasksPage')) },
      { path: '/dashboard', lazy: page(() => import('./features/dashboard/DashboardPage')) },
      { path: '/admin', lazy: page(() => import('./features/admin/AdminPage')) },
      { path: '/operations', lazy: page(() => import('./features/operations/OperationsPage')) },
      { path: '*', lazy: page(() => import('./features/NotFoundPage')) },
    ],
  },
];
