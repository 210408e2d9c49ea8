/**
 * The one tRPC client of the web app. Subscriptions go over SSE (httpSubscriptionLink), everything
 * else over batched HTTP. Every request carries the session cookie and the `x-baton-csrf` header: the
 * runtime refuses mutations without that non-simple header, so a cross-site form cannot post to it.
 */
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { QueryClient } from '@tanstack/react-query';
import type { AppRouter } from '@baton/runtime';

export type { AppRouter };

export const CSRF_HEADER = 'x-baton-csrf';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function withCredentials(url: RequestInfo | URL, init?: RequestInit) {
  return fetch(url, { ...init, credentials: 'include' });
}

export function createClient(baseUrl = '/trpc') {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: baseUrl,
          // EventSource cannot set headers; subscriptions are queries, the cookie is enough.
          eventSourceOptions: () => ({ withCredentials: true }),
        }),
        false: httpBatchLink({
          url: baseUrl,
          fetch: withCredentials,
          headers: () => ({ [CSRF_HEADER]: '1' }),
        }),
      }),
    ],
  });
}

/** The tRPC error code (`UNAUTHORIZED`, `CONFLICT`...) of an error, if it came from the API. */
export function errorCode(error: unknown): string | undefined {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string } | undefined;
    return data?.code;
  }
  return undefined;
}

/** A message a person can read, for any error thrown by a query or mutation. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (error.message) return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          const code = errorCode(error);
          if (code && ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST'].includes(code)) return false;
          return failureCount < 2;
        },
      },
    },
  });
}
