/**
 * Reading and writing an instance's variables in a bpmn-engine execution. bpmn-elements gives each
 * process its own environment (a clone of the definition's): variables the process reads live there,
 * so writes go to every process environment and reads come from the first.
 */
interface EnvironmentLike {
  variables: Record<string, unknown>;
  assignVariables(values: Record<string, unknown>): void;
}
interface DefinitionLike {
  environment: EnvironmentLike;
  getProcesses?(): { environment: EnvironmentLike }[];
}
interface ExecutionWithDefinitions {
  environment: EnvironmentLike;
  definitions?: DefinitionLike[];
}

/**
 * bpmn-elements gives each process its own environment (a clone of the definition's): variables the
 * process reads live there, so writes go to every process environment and reads come from the first.
 */
function environments(execution: unknown): EnvironmentLike[] {
  const e = execution as ExecutionWithDefinitions;
  const envs: EnvironmentLike[] = [];
  for (const definition of e.definitions ?? []) {
    for (const process of definition.getProcesses?.() ?? []) envs.push(process.environment);
    envs.push(definition.environment);
  }
  return envs.length ? envs : [e.environment];
}

/** bpmn-elements copies the running process's broker message (content/fields/properties) into its variables */
const ENGINE_KEYS = new Set(['content', 'fields', 'properties']);

export function variablesOf(execution: unknown): Record<string, unknown> {
  const variables = environments(execution)[0].variables ?? {};
  return Object.fromEntries(Object.entries(variables).filter(([key]) => !ENGINE_KEYS.has(key)));
}

export function assignVariables(execution: unknown, values: Record<string, unknown>) {
  const seen = new Set<EnvironmentLike>();
  for (const env of environments(execution)) {
    if (seen.has(env)) continue;
    seen.add(env);
    env.assignVariables(values);
  }
}
