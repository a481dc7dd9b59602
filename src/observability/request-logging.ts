import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const MAX_LOGGED_URL = 300;

/**
 * One line per request when its response is sent, and the request id echoed to the client (to
 * quote in a report). Headers are never logged: they hold API keys.
 */
export function installRequestLogging(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const fields = {
      method: request.method,
      url: request.url.length > MAX_LOGGED_URL ? `${request.url.slice(0, MAX_LOGGED_URL)}…` : request.url,
      statusCode: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 10) / 10,
      remoteAddress: request.ip,
    };
    if (reply.statusCode >= 500) request.log.error(fields, 'request failed');
    else request.log.info(fields, 'request completed');
  });
}
