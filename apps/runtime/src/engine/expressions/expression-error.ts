/** An expression could not be parsed or evaluated safely; `expression` is the user text. */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';

  constructor(
    message: string,
    readonly expression: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
