/** Reading the current user from the `auth.me` query (server data stays in the query cache). */
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/trpc';

export interface SessionUser {
  id?: string;
  username: string;
  displayName?: string;
  roles?: string[];
  groups?: string[];
}

/** auth.me may answer the user itself or `{ user }`; accept both so the shell survives either. */
export function toSessionUser(data: unknown): SessionUser | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  const u = (d.user && typeof d.user === 'object' ? d.user : d) as Record<string, unknown>;
  if (typeof u.username !== 'string') return null;
  return u as unknown as SessionUser;
}

export function useSessionUser() {
  const trpc = useTRPC();
  const query = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  return { ...query, user: toSessionUser(query.data) };
}
