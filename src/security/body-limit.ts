import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInput } from '../common/domain-errors.js';

/** At most this much of a refused body is read (and thrown away) before the 413 goes out. */
const DRAINED_AT_MOST_BYTES = 16 * 1024 * 1024;
const DRAINED_AT_MOST_MS = 10_000;

/**
 * Reads and discards what is left of a request body, up to a bound; resolves true when the body
 * ended within it. A client still uploading (Node's fetch, most SDKs) reads an answer only once it
 * has sent its body: answered and closed earlier, it sees a broken pipe instead.
 */
function drainBody(body: IncomingMessage): Promise<boolean> {
  if (body.complete) return Promise.resolve(true);
  return new Promise((resolve) => {
    let received = 0;
    const finish = (hasEnded: boolean) => {
      clearTimeout(timer);
      body.off('data', onData).off('end', onEnd).off('error', onGiveUp).off('close', onGiveUp);
      resolve(hasEnded);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > DRAINED_AT_MOST_BYTES) finish(false);
    };
    const onEnd = () => finish(true);
    const onGiveUp = () => finish(false);
    const timer = setTimeout(onGiveUp, DRAINED_AT_MOST_MS);
    body.on('data', onData).once('end', onEnd).once('error', onGiveUp).once('close', onGiveUp);
    body.resume();
  });
}

/**
 * A body over BODY_LIMIT_BYTES is answered 413 with a GraphQL-shaped BAD_USER_INPUT, once the client
 * has finished sending it (up to a bound: past it, the answer goes out and the connection closes).
 */
export function answerOversizedBodiesReadably(fastify: FastifyInstance, bodyLimitBytes: number): void {
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (reply.statusCode !== 413) return payload;
    if (!(await drainBody(request.raw))) reply.header('connection', 'close');
    const error = new InvalidInput(
      'body',
      `The request body is over the limit of ${bodyLimitBytes} bytes (BODY_LIMIT_BYTES): send a smaller one`,
    );
    return JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] });
  });
}
