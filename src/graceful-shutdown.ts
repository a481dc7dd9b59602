import { once } from 'node:events';
import net, { type Socket } from 'node:net';
import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestLimits } from './config/app-config.js';
import { ShutdownState } from './health/shutdown-state.js';
import { LiveSocketServer } from './live-updates/live-socket-server.js';

/**
 * Once stopping, the last answer a connection owes carries `Connection: close`: the connection ends
 * cleanly after it, and the client's next request opens a connection elsewhere. Not an earlier one:
 * Node closes the socket after an answer marked so, and a request pipelined behind it (already read,
 * or still in the socket's buffer) would then never be answered.
 */
export function closeConnectionsAfterAnswersWhileStopping(fastify: FastifyInstance, state: ShutdownState): void {
  const unanswered = new WeakMap<Socket, number>();
  const countOn = (request: FastifyRequest, change: number) => {
    state.requestsInFlight += change;
    const socket = request.raw.socket;
    if (socket) unanswered.set(socket, (unanswered.get(socket) ?? 0) + change);
  };
  fastify.addHook('onRequest', async (request: FastifyRequest) => countOn(request, 1));
  fastify.addHook('onResponse', async (request: FastifyRequest) => countOn(request, -1));
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const socket = request.raw.socket;
    if (state.isShuttingDown && socket && (unanswered.get(socket) ?? 0) <= 1) reply.header('connection', 'close');
    return payload;
  });
}

const IN_FLIGHT_POLL_MS = 20;

/** Resolves once no HTTP request is unanswered (or at `deadline`, a Date.now() time). */
async function requestsAnswered(state: ShutdownState, deadline: number): Promise<void> {
  while (state.requestsInFlight > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_POLL_MS));
  }
}

/**
 * A stop that loses no request. Readiness fails at once; for SHUTDOWN_DRAIN_MS the service keeps
 * taking connections and answering (a load balancer needs a moment to notice); then it stops accepting
 * connections, answers every request that reaches it on the connections it has (those in flight, and
 * those still in a socket's buffer), and only once every connection has ended closes the app (GraphQL,
 * the pool). SHUTDOWN_GRACE_MS bounds that wait, after which the connections still open are cut.
 * Live connections (WebSockets) close with 1001 once the requests in flight are answered, so the
 * changes those requests made still reach their subscribers first.
 */
export async function shutDownGracefully(
  app: NestFastifyApplication,
  limits: Pick<RequestLimits, 'shutdownDrainMs' | 'shutdownGraceMs'>,
  logger: LoggerService,
): Promise<void> {
  app.get(ShutdownState).isShuttingDown = true;
  if (limits.shutdownDrainMs > 0) {
    logger.log(`Draining for ${limits.shutdownDrainMs} ms: not ready any more, still answering`);
    await new Promise((resolve) => setTimeout(resolve, limits.shutdownDrainMs));
  }
  const server = app.getHttpServer();
  const isEveryConnectionClosed = once(server, 'close');
  // net.Server's close, not http.Server's: that one also closes "idle" keep-alive connections, and a
  // connection the server sees as idle may hold a request it has not read yet (that client would see a
  // reset). Idle connections end by themselves within the keep-alive timeout, or after their next answer.
  net.Server.prototype.close.call(server);
  logger.log('No longer accepting connections; answering the requests that reached us');
  const live = app.get(LiveSocketServer);
  const cutOff = setTimeout(() => {
    logger.warn(`Shutdown grace period (${limits.shutdownGraceMs} ms) over: closing the connections still open`);
    server.closeAllConnections();
    live.terminateAll();
  }, limits.shutdownGraceMs);
  const state = app.get(ShutdownState);
  await requestsAnswered(state, Date.now() + limits.shutdownGraceMs);
  await live.closeAll();
  await isEveryConnectionClosed;
  clearTimeout(cutOff);
  await app.close();
}
