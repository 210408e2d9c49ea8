/**
 * The instance's whole history, kept current from `instances.onEvent` (SSE: the backlog, then live
 * events; no polling). Events arrive in seq order; bursts are applied together (one render per
 * ~16 ms), redelivered ones are dropped by seq, and on reconnect tRPC resumes from the last id.
 */
import { useEffect, useState } from 'react';
import type { RuntimeEvent } from '@baton/shared';
import { useTRPCClient } from '../../trpc/trpc';

const FLUSH_MS = 16;

export interface InstanceEvents {
  events: RuntimeEvent[];
  connected: boolean;
  error: string | null;
}

export function useInstanceEvents(instanceId: string | undefined): InstanceEvents {
  const client = useTRPCClient();
  const [state, setState] = useState<InstanceEvents>({ events: [], connected: false, error: null });

  useEffect(() => {
    setState({ events: [], connected: false, error: null });
    if (!instanceId) return;
    let pending: RuntimeEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      const batch = pending;
      pending = [];
      setState((s) => {
        const last = s.events.at(-1)?.seq ?? 0;
        const fresh = batch.filter((e) => e.seq > last).sort((a, b) => a.seq - b.seq);
        return fresh.length ? { ...s, events: [...s.events, ...fresh] } : s;
      });
    };
    const subscription = client.instances.onEvent.subscribe(
      { instanceId },
      {
        onStarted: () => setState((s) => ({ ...s, connected: true, error: null })),
        onData: (message) => {
          pending.push(message.data as RuntimeEvent);
          timer ??= setTimeout(flush, FLUSH_MS);
        },
        onError: (error) => setState((s) => ({ ...s, connected: false, error: error.message })),
        onConnectionStateChange: (change) => setState((s) => ({ ...s, connected: change.state === 'pending' })),
      },
    );
    return () => {
      subscription.unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [client, instanceId]);

  return state;
}
