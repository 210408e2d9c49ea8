import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorCode, errorMessage } from '../trpc/trpc';
import { useSessionUser } from '../stores/session-user';
import { selectLoginRequired, useSessionStore } from '../stores/session';

/** Renders children only for a logged-in user; an UNAUTHORIZED `auth.me` sends the user to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, isPending, error, refetch } = useSessionUser();
  const location = useLocation();
  const loginRequired = useSessionStore(selectLoginRequired);
  const unauthorized = !!error && errorCode(error) === 'UNAUTHORIZED';
  const returnTo = location.pathname + location.search + location.hash;

  useEffect(() => {
    if (unauthorized) loginRequired(returnTo);
  }, [unauthorized, returnTo, loginRequired]);

  if (isPending) return <div className="center-message" role="status">Loading…</div>;
  if (unauthorized || (!error && !user)) return <Navigate to="/login" replace state={{ from: returnTo }} />;
  if (error) {
    return (
      <div className="page">
        <div className="alert error" role="alert">
          Cannot reach the Baton runtime: {errorMessage(error)}{' '}
          <button type="button" onClick={() => void refetch()}>
            Retry
          </button>
        </div>
      </div>
    );
  }
  return <>{children}</>;
}
