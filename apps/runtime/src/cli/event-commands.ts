/** `baton correlate NAME` and `baton signal NAME`: deliver a message to one waiting instance, or a signal to all. */
import type { Command } from './command.js';
import { formatTable } from './table.js';
import { parseVars } from './vars.js';

interface Correlation {
  correlated: { instanceId: string; elementId: string }[];
  started: string[];
}

export const correlateCommand: Command = {
  name: 'correlate',
  usage: 'NAME',
  summary: 'correlate message NAME to a waiting instance (or start one by a message start event)',
  options: ['business-key', 'correlation-key', 'var', 'all'],
  minArgs: 1,
  maxArgs: 1,
  examples: ['baton correlate payment-received --business-key A-1001 --var paid=true'],
  async run({ args, options, api, out }) {
    const variables = parseVars(options.var);
    const result = await api.mutation<Correlation>('messages.correlate', {
      name: args[0],
      ...(options['business-key'] !== undefined ? { businessKey: options['business-key'] } : {}),
      ...(options['correlation-key'] !== undefined ? { correlationKey: options['correlation-key'] } : {}),
      ...(variables ? { variables } : {}),
      ...(options.all ? { all: true } : {}),
    });
    const rows = [
      ...result.correlated.map((c) => ({ instance: c.instanceId, element: c.elementId, result: 'correlated' })),
      ...result.started.map((id) => ({ instance: id, element: '', result: 'started' })),
    ];
    out.result(result, () =>
      formatTable(
        rows,
        [
          { header: 'INSTANCE', value: (r) => r.instance },
          { header: 'ELEMENT', value: (r) => r.element },
          { header: 'RESULT', value: (r) => r.result },
        ],
        `message "${args[0]}" matched no waiting instance and no message start event`,
      ),
    );
  },
};

export const signalCommand: Command = {
  name: 'signal',
  usage: 'NAME',
  summary: 'broadcast signal NAME to every waiting catch event and signal start event',
  options: ['var'],
  minArgs: 1,
  maxArgs: 1,
  examples: ['baton signal stock-arrived --var sku=\'"A-7"\''],
  async run({ args, options, api, out }) {
    const variables = parseVars(options.var);
    const result = await api.mutation<{ delivered: number; started: string[] }>('signals.broadcast', { name: args[0], ...(variables ? { variables } : {}) });
    out.result(result, () => `signal "${args[0]}": delivered to ${result.delivered} waiting, started ${result.started.length} instance(s)${result.started.length ? `: ${result.started.join(', ')}` : ''}\n`);
  },
};
