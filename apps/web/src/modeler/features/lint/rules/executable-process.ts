/** Deploy needs at least one process marked executable; its id becomes the Definition key. */
import { is, type ModdleNode, type RuleFactory } from '../bpmnlint-types';

const executableProcess: RuleFactory = () => ({
  check(node, reporter) {
    if (!is(node, 'bpmn:Definitions')) return;
    const processes = ((node.rootElements as ModdleNode[] | undefined) ?? []).filter((e) => is(e, 'bpmn:Process'));
    if (processes.length && !processes.some((p) => p.isExecutable)) {
      const p = processes[0];
      reporter.report(p.id, `No process is executable: tick "Executable" on process ${p.name ? `“${p.name}”` : p.id}`, ['isExecutable']);
    }
  },
});

export default executableProcess;
