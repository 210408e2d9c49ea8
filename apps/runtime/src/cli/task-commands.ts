/** `baton tasks` and `baton complete TASK`: the human task inbox from the command line. */
import type { Task } from '@baton/shared';
import { intOption } from './args.js';
import type { Command } from './command.js';
import { formatTable, shortTime } from './table.js';
import { parseVars } from './vars.js';

export const tasksCommand: Command = {
  name: 'tasks',
  usage: '',
  summary: 'list tasks you may see (open ones unless --status says otherwise)',
  options: ['assignee', 'group', 'status', 'instance', 'limit'],
  minArgs: 0,
  maxArgs: 0,
  examples: ['baton tasks --group accounting', 'baton tasks --assignee mary --status completed'],
  async run({ options, api, out }) {
    const input = {
      status: options.status ?? 'open',
      limit: intOption('limit', options.limit) ?? 50,
      ...(options.assignee ? { assignee: options.assignee } : {}),
      ...(options.group ? { candidateGroup: options.group } : {}),
      ...(options.instance ? { instanceId: options.instance } : {}),
    };
    const page = await api.query<{ items: Task[]; nextCursor?: string }>('tasks.list', input);
    out.result(page, () =>
      formatTable(
        page.items,
        [
          { header: 'ID', value: (t) => t.id },
          { header: 'NAME', value: (t) => t.name, max: 40 },
          { header: 'ELEMENT', value: (t) => t.elementId },
          { header: 'ASSIGNEE', value: (t) => t.assignee },
          { header: 'GROUPS', value: (t) => t.candidateGroups },
          { header: 'STATUS', value: (t) => t.status },
          { header: 'DUE', value: (t) => shortTime(t.dueAt) },
          { header: 'INSTANCE', value: (t) => t.instanceId },
        ],
        '(no tasks)',
      ) + (page.nextCursor ? `(more: raise --limit)\n` : ''),
    );
  },
};

export const completeCommand: Command = {
  name: 'complete',
  usage: 'TASK',
  summary: 'complete a task with variables (a second completion is a CONFLICT)',
  options: ['var'],
  minArgs: 1,
  maxArgs: 1,
  examples: ['baton complete 3f2a… --var approved=true --var comment="looks good"'],
  async run({ args, options, api, out }) {
    const task = await api.mutation<Task>('tasks.complete', { id: args[0], variables: parseVars(options.var) ?? {} });
    out.result(task, () => `completed task ${task.id} ("${task.name}") of instance ${task.instanceId}\n`);
  },
};
