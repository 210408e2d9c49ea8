/** Lints a moddle Definitions tree with Baton's rule set; used by tests and before deploy. */
import { Linter } from 'bpmnlint';
import { batonLintConfig } from './lint-config';
import { flattenByRule, toProblems, type Problem } from './problems';

export async function lintDefinitions(definitions: unknown, nameOf: (id: string) => string | null = () => null): Promise<Problem[]> {
  const linter = new Linter(batonLintConfig);
  const result = await linter.lint(definitions);
  return toProblems(flattenByRule(result), nameOf);
}
