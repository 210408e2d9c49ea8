/** The BPMN XML cannot be deployed: malformed, not executable, or uses an unsupported element. */
export class DefinitionError extends Error {
  override name = 'DefinitionError';
}
/** A command does not apply to the instance's current state (nothing waits there, already ended). */
export class CommandRejectedError extends Error {
  override name = 'CommandRejectedError';
}
