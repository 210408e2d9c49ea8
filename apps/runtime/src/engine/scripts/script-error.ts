/** A script could not run or failed (limits, syntax, thrown error, disabled); names the element. */
export class ScriptError extends Error {
  override readonly name = 'ScriptError';

  constructor(
    message: string,
    readonly elementId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
