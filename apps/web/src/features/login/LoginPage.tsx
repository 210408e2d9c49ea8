import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorCode, errorMessage, useTRPC } from '../../trpc/trpc';
import { selectLoggedIn, selectNotice, selectReturnTo, useSessionStore } from '../../stores/session';

/** Where to go after login: the page the user asked for, never back to /login, default /tasks. */
export function loginDestination(from: unknown, returnTo: string | null): string {
  const candidate = typeof from === 'string' ? from : returnTo;
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/login')) return '/tasks';
  return candidate;
}

export default function LoginPage() {
  const trpc = useTRPC();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const returnTo = useSessionStore(selectReturnTo);
  const notice = useSessionStore(selectNotice);
  const loggedIn = useSessionStore(selectLoggedIn);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async () => {
        const to = loginDestination((location.state as { from?: unknown } | null)?.from, returnTo);
        loggedIn();
        await queryClient.invalidateQueries();
        void navigate(to, { replace: true });
      },
    }),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ username, password });
  };

  const failure = login.error
    ? errorCode(login.error) === 'UNAUTHORIZED' || errorCode(login.error) === 'BAD_REQUEST'
      ? 'Wrong username or password.'
      : `Login failed: ${errorMessage(login.error)}`
    : null;

  return (
    <main className="login">
      <form onSubmit={submit} aria-labelledby="login-title" noValidate>
        <h1 id="login-title">Baton</h1>
        <p className="muted">Log in to model, run and work on processes.</p>
        {notice && !failure && <div className="alert info">{notice}</div>}
        <label>
          Username
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {failure && (
          <div className="alert error" role="alert">
            {failure}
          </div>
        )}
        <button type="submit" className="primary" disabled={login.isPending || !username || !password}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
