/**
 * Live inbox: follows `instances.onEvent` for all instances and, on any task.* event, refreshes the
 * task queries (lists, counts, the open detail) — batched, so a burst of events costs one refetch.
 * With notifications on and permitted, a task newly assigned or delegated to me shows a browser
 * notification.
 */
import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import type { RuntimeEvent } from '@baton/shared';
import { useTRPC } from '../../trpc/trpc';
import { selectNotify, useInboxUiStore } from './inbox-ui-store';

const BATCH_MS = 150;

function assignedTo(event: RuntimeEvent): string | null {
  if (event.type === 'task.created' || event.type === 'task.assigned' || event.type === 'task.delegated') return event.assignee;
  return null;
}

export function useInboxLive(username: string | undefined) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const notify = useInboxUiStore(selectNotify);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  useSubscription(
    trpc.instances.onEvent.subscriptionOptions(
      {},
      {
        onData: (tracked) => {
          const event = (tracked as { data: RuntimeEvent }).data;
          if (!event?.type?.startsWith('task.')) return;
          if (!timer.current) {
            timer.current = setTimeout(() => {
              timer.current = null;
              void queryClient.invalidateQueries(trpc.tasks.pathFilter());
            }, BATCH_MS);
          }
          const to = assignedTo(event);
          if (to && 'taskId' in event && notify && username && to === username && event.actor !== username && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
            const name = event.type === 'task.created' ? event.name : 'A task';
            new Notification('New task for you', { body: `${name} was ${event.type === 'task.delegated' ? 'delegated' : 'assigned'} to you`, tag: (event as { taskId: string }).taskId });
          }
        },
      },
    ),
  );
}
