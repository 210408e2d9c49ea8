/**
 * Errors the `baton` command reports as `error: <message>` with exit code 1. Anything else that
 * escapes a command is a bug and is reported with its stack.
 */

/** The command line is wrong (unknown command or option, missing argument, bad value). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The runtime answered with an API error; `code` is the tRPC code (`CONFLICT`, `NOT_FOUND`, ...). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The runtime could not be reached at all. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}
