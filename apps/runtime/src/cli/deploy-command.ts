/** `baton deploy FILE...`: deploys each .bpmn file in order; the same XML again keeps its version. */
import path from 'node:path';
import { ApiError } from './cli-errors.js';
import type { Command } from './command.js';
import { formatTable } from './table.js';

interface Deployed {
  file: string;
  id: string;
  key: string;
  version: number;
  unchanged: boolean;
}

export const deployCommand: Command = {
  name: 'deploy',
  usage: 'FILE...',
  summary: 'deploy BPMN files (a changed file becomes the next version)',
  options: [],
  minArgs: 1,
  maxArgs: Infinity,
  examples: ['baton deploy order.bpmn invoice.bpmn'],
  async run({ args, api, out, readFile }) {
    const deployed: Deployed[] = [];
    for (const file of args) {
      let xml: string;
      try {
        xml = await readFile(file);
      } catch (error) {
        throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      try {
        const result = await api.mutation<Omit<Deployed, 'file'>>('definitions.deploy', { xml });
        deployed.push({ file, ...result });
      } catch (error) {
        if (error instanceof ApiError) throw new ApiError(error.code, `${path.basename(file)}: ${error.message}`, error.status);
        throw error;
      }
    }
    out.result(deployed, () =>
      formatTable(deployed, [
        { header: 'FILE', value: (d) => d.file },
        { header: 'KEY', value: (d) => d.key },
        { header: 'VERSION', value: (d) => d.version },
        { header: 'ID', value: (d) => d.id },
        { header: 'RESULT', value: (d) => (d.unchanged ? 'unchanged' : 'deployed') },
      ]),
    );
  },
};
