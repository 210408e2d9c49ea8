/**
 * Domain errors. Services and the store throw these; one tRPC middleware maps them to API codes
 * (http/trpc.ts). Messages are written for the person who reads them: name the thing and what to do.
 */
export class DomainError extends Error {
  override name = 'DomainError';
}
/** The input is wrong in a way the caller can fix (maps to BAD_REQUEST). */
export class BadRequestError extends DomainError {
  override name = 'BadRequestError';
}
/** A thing looked up by id does not exist (maps to NOT_FOUND). */
export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(kind: string, id: string) {
    super(`${kind} "${id}" was not found`);
  }
}
/** A concurrent change won, or the command no longer applies (maps to CONFLICT). */
export class ConflictError extends DomainError {
  override name = 'ConflictError';
}
/** The caller is authenticated but may not do this (maps to FORBIDDEN). */
export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError';
}
/** No or bad credentials (maps to UNAUTHORIZED). */
export class UnauthorizedError extends DomainError {
  override name = 'UnauthorizedError';
}
/** Too many attempts (maps to TOO_MANY_REQUESTS). */
export class RateLimitedError extends DomainError {
  override name = 'RateLimitedError';
}
