/** Lint feature: bpmn-js-bpmnlint (canvas markers) + the Problems list, with Baton's rule set. */
import lintingModule from 'bpmn-js-bpmnlint';
import IdleLint from './IdleLint';
import LintProblems from './LintProblems';

export { batonLintConfig } from './lint-config';

export default {
  __depends__: [lintingModule],
  __init__: ['lintProblems', 'idleLint'],
  lintProblems: ['type', LintProblems],
  idleLint: ['type', IdleLint],
};
