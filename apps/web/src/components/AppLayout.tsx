import { NavLink, Outlet, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../trpc/trpc';
import { useSessionUser } from '../stores/session-user';
import { selectLoggedOut, useSessionStore } from '../stores/session';

const LINKS = [
  { to: '/diagrams', label: 'Diagrams' },
  { to: '/processes', label: 'Processes' },
  { to: '/instances', label: 'Instances' },
  { to: '/tasks', label: 'Tasks' },
  { to: '/dashboard', label: 'Dashboard' },
  { to: '/admin', label: 'Admin' },
  { to: '/operations', label: 'Operations log' },
];

/** Top navigation + page outlet for every authenticated screen. */
export function AppLayout() {
  const trpc = useTRPC();
  const { user } = useSessionUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const loggedOut = useSessionStore(selectLoggedOut);
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSettled: () => {
        loggedOut();
        queryClient.clear();
        void navigate('/login', { replace: true });
      },
    }),
  );
  return (
    <div className="app">
      <nav className="app-nav" aria-label="Main">
        <NavLink to="/" className="brand">
          Baton
        </NavLink>
        <ul>
          {LINKS.map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} className="nav-link">
                {l.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <div className="user">
          <span data-testid="current-user">{user?.displayName || user?.username}</span>
          <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Log out
          </button>
        </div>
      </nav>
      <main className="app-main" id="main">
        <Outlet />
      </main>
    </div>
  );
}
