import { BroadcastSignalInput, CorrelateMessageInput } from '@baton/shared';
import { authedProcedure, router } from '../trpc.js';

export const messagesRouter = router({
  correlate: authedProcedure.input(CorrelateMessageInput).mutation(({ ctx, input }) => ctx.services.messages.correlate(input, ctx.actor)),
});

export const signalsRouter = router({
  broadcast: authedProcedure.input(BroadcastSignalInput).mutation(({ ctx, input }) => ctx.services.messages.broadcast(input, ctx.actor)),
});
