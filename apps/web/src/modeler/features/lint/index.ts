/** Lint feature: bpmn-js-bpmnlint (canvas markers) + the Problems list, with Baton's rule set. */
import lintingModule from 'bpmn-js-bpmnlint';
import LintProblems from './LintProblems';

export { batonLintConfig } from './lint-config';

export default {
  __depends__: [lintingModule],
  __init__: ['lintProblems'],
  lintProblems: ['type', LintProblems],
};
