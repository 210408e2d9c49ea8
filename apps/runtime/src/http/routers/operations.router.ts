import { ListOperationsInput } from '@baton/shared';
import { roleProcedure, router } from '../trpc.js';

/** the audit trail across instances and deploys: who did what, when, to which process (append-only) */
export const operationsRouter = router({
  list: roleProcedure('operator').input(ListOperationsInput).query(({ ctx, input }) => ctx.services.monitor.operations(input)),
});
