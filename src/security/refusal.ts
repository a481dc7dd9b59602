import type { FastifyReply } from 'fastify';
import type { DomainError } from '../common/domain-errors.js';

/** A request refused at the HTTP edge, answered in GraphQL's error shape with the error's code. */
export function sendRefusal(reply: FastifyReply, status: number, error: DomainError): FastifyReply {
  return reply
    .code(status)
    .send({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
}
