/** The user-task cycle through the API, shared by benchmarks 2, 3, 5 and 10. */
import { userTaskCycle } from './bpmn.mjs';

export const CYCLE_KEY = 'bench_usertask';

export async function deployCycle(api) {
  await api.mutation('definitions.deploy', { xml: userTaskCycle });
}

/**
 * start → tasks.list (by instance) → tasks.complete → (instance ends). Returns the completion latency in
 * ms; throws if the instance did not end.
 */
export async function apiCycle(api, { latencies } = {}) {
  const { id } = await api.mutation('instances.start', { key: CYCLE_KEY });
  const { items } = await api.query('tasks.list', { instanceId: id, status: 'open' });
  if (!items?.length) throw new Error(`no open task for instance ${id}`);
  const t0 = performance.now();
  await api.mutation('tasks.complete', { id: items[0].id, variables: { ok: true } });
  const ms = performance.now() - t0;
  latencies?.push(ms);
  return ms;
}
