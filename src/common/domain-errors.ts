import { IntrinsicException } from '@nestjs/common';

/**
 * Errors the domain throws. Each carries the GraphQL `extensions.code` it maps to; the mapping to a
 * response lives in one place (graphql-error-format.ts). Messages are for people: they name the argument.
 */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'SERVICE_UNAVAILABLE'
  | 'RATE_LIMITED';

/**
 * An IntrinsicException, so Nest's exception handler does not log each one at `error` with a stack:
 * they are the caller's mistakes, logged once at `info` by the GraphQL error reporting.
 */
export abstract class DomainError extends IntrinsicException {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInput extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message, { argument });
  }
}

export class TransitionNotAllowed extends DomainError {
  readonly code = 'BAD_USER_INPUT';
}

/**
 * A retraction or correction would leave a membership's standing history impossible (out of the state
 * machine or out of date order); details name the event and the input field (`argument`).
 */
export class StandingHistoryBroken extends DomainError {
  readonly code = 'BAD_USER_INPUT';
}

export class NotFound extends DomainError {
  readonly code = 'NOT_FOUND';
}

export class VersionConflict extends DomainError {
  readonly code = 'CONFLICT';
}

export class AlreadyExists extends DomainError {
  readonly code = 'CONFLICT';
}

export class Unauthenticated extends DomainError {
  readonly code = 'UNAUTHENTICATED';
}

export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';
}

export class ServiceUnavailable extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
}

export class RateLimited extends DomainError {
  readonly code = 'RATE_LIMITED';
}
