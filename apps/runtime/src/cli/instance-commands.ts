/** `baton start KEY` and `baton instances`: start instances and list them. */
import type { Instance } from '@baton/shared';
import { intOption } from './args.js';
import type { Command } from './command.js';
import { formatTable, shortTime } from './table.js';
import { parseVars } from './vars.js';

export const startCommand: Command = {
  name: 'start',
  usage: 'KEY',
  summary: 'start an instance of the latest (or --version N) definition of process KEY',
  options: ['var', 'business-key', 'version'],
  minArgs: 1,
  maxArgs: 1,
  examples: ['baton start order --var amount=1200 --var vip=true --business-key A-1001'],
  async run({ args, options, api, out }) {
    const version = intOption('version', options.version);
    const variables = parseVars(options.var);
    const businessKey = options['business-key'];
    const started = await api.mutation<{ id: string; status: string }>('instances.start', {
      key: args[0],
      ...(version ? { version } : {}),
      ...(variables ? { variables } : {}),
      ...(businessKey !== undefined ? { businessKey } : {}),
    });
    out.result(started, () => `started instance ${started.id} of ${args[0]}${version ? ` v${version}` : ''}: ${started.status}\n`);
  },
};

export const instancesCommand: Command = {
  name: 'instances',
  usage: '',
  summary: 'list instances, newest first',
  options: ['status', 'key', 'business-key', 'limit'],
  minArgs: 0,
  maxArgs: 0,
  examples: ['baton instances --status running --key order'],
  async run({ options, api, out }) {
    const input = {
      limit: intOption('limit', options.limit) ?? 50,
      ...(options.status ? { status: options.status } : {}),
      ...(options.key ? { key: options.key } : {}),
      ...(options['business-key'] ? { businessKey: options['business-key'] } : {}),
    };
    const page = await api.query<{ items: Instance[]; nextCursor?: string }>('instances.list', input);
    out.result(page, () =>
      formatTable(
        page.items,
        [
          { header: 'ID', value: (i) => i.id },
          { header: 'KEY', value: (i) => i.key },
          { header: 'VERSION', value: (i) => i.version },
          { header: 'STATUS', value: (i) => i.status },
          { header: 'BUSINESS KEY', value: (i) => i.businessKey },
          { header: 'STARTED', value: (i) => shortTime(i.startedAt) },
          { header: 'INCIDENTS', value: (i) => i.openIncidents ?? i.incidents?.length ?? 0 },
        ],
        '(no instances)',
      ) + (page.nextCursor ? `(more: raise --limit)\n` : ''),
    );
  },
};
