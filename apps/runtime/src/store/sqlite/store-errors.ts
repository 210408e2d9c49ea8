/**
 * Errors crossing the store worker's thread boundary: structured clone keeps neither an Error's class
 * nor its own fields, so they travel as data and are rebuilt on the other side — domain errors with
 * their class (the API maps them by class), others with their name and SQLite `code`.
 */
import * as errors from '../../errors.js';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  props: Record<string, unknown>;
}

const DOMAIN_ERRORS: Record<string, { prototype: Error }> = {
  BadRequestError: errors.BadRequestError,
  NotFoundError: errors.NotFoundError,
  ConflictError: errors.ConflictError,
  ForbiddenError: errors.ForbiddenError,
  UnauthorizedError: errors.UnauthorizedError,
  RateLimitedError: errors.RateLimitedError,
  DomainError: errors.DomainError,
};

/** an Error with its own primitive fields (e.g. SQLite's `code`) as plain data */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), props: {} };
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) props[key] = value;
  }
  return { name: error.name, message: error.message, stack: error.stack, props };
}

export function reviveError(data: SerializedError): Error {
  const type = DOMAIN_ERRORS[data.name];
  const error: Error = type ? Object.create(type.prototype) : new Error();
  Object.defineProperty(error, 'message', { value: data.message, writable: true, configurable: true });
  Object.assign(error, data.props);
  if (!type) error.name = data.name;
  error.stack = `${data.stack ?? `${data.name}: ${data.message}`}\n    at (SQLite store worker thread)`;
  return error;
}
