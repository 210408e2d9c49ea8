/** `baton incidents` and `baton retry INCIDENT`: what an operator must act on, and acting on it. */
import type { Incident } from '@baton/shared';
import { intOption } from './args.js';
import type { Command } from './command.js';
import { formatTable, shortTime } from './table.js';

export const incidentsCommand: Command = {
  name: 'incidents',
  usage: '',
  summary: 'list open incidents (--all: resolved ones too)',
  options: ['instance', 'all'],
  minArgs: 0,
  maxArgs: 0,
  examples: ['baton incidents', 'baton incidents --instance 7c1e…'],
  async run({ options, api, out }) {
    const page = await api.query<{ items: Incident[] }>('incidents.list', {
      ...(options.instance ? { instanceId: options.instance } : {}),
      ...(options.all ? { open: false } : {}),
    });
    out.result(page, () =>
      formatTable(
        page.items,
        [
          { header: 'ID', value: (i) => i.id },
          { header: 'INSTANCE', value: (i) => i.instanceId },
          { header: 'ELEMENT', value: (i) => i.elementId },
          { header: 'MESSAGE', value: (i) => i.message },
          { header: 'CREATED', value: (i) => shortTime(i.createdAt) },
          ...(options.all ? [{ header: 'RESOLVED', value: (i: Incident) => shortTime(i.resolvedAt) }] : []),
        ],
        '(no incidents)',
      ),
    );
  },
};

export const retryCommand: Command = {
  name: 'retry',
  usage: 'INCIDENT',
  summary: "resolve an incident and make its job available again with --retries N (default 1)",
  options: ['retries'],
  minArgs: 1,
  maxArgs: 1,
  examples: ['baton retry 9d0b… --retries 3'],
  async run({ args, options, api, out }) {
    const retries = intOption('retries', options.retries) ?? 1;
    const incident = await api.mutation<Incident>('incidents.retry', { id: args[0], retries });
    out.result(incident, () => `retried incident ${incident.id} at ${incident.elementId} of instance ${incident.instanceId} with ${retries} retr${retries === 1 ? 'y' : 'ies'}\n`);
  },
};
