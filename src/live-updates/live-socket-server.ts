import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { GraphQLError, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { CloseCode, handleProtocols, makeServer, type Context } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiKeysService } from '../auth/api-keys.service.js';
import type { GraphqlContext, RequestLike } from '../common/graphql-context.js';
import { formatGraphqlError } from '../common/graphql-error-format.js';
import { queryCoster } from '../common/query-limits.js';
import { RequestLoaders } from '../common/request-loaders.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { readingFromPrimary } from '../database/read-routing.js';
import { PersistedQueriesService } from '../persisted-queries/persisted-queries.service.js';
import { LIVE_CLOSE, LIVE_PATH } from './live-close-codes.js';
import { LiveUpdatesService } from './live-updates.service.js';
import { checkSubscription } from './subscription-document.js';

/** What graphql-ws keeps about a connection besides its own state. */
interface Connection {
  socket: WebSocket;
  /** Stands for the HTTP request in the auth guard: the key of connection_init as its Authorization. */
  req: RequestLike;
}
type LiveContext = Context<Record<string, unknown> | undefined, Connection>;

/** Answers an upgrade that is refused before it becomes a WebSocket. */
function refuseUpgrade(socket: Duplex, status: string, message: string): void {
  socket.end(
    `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
  );
}

/**
 * GraphQL subscriptions over the graphql-ws protocol on /graphql, under the rules queries live by:
 * REQUIRE_AUTH_FOR_READS (the key in connection_init's payload), the depth, alias, token and cost
 * limits (subscription-document.ts), and limits of its own (LiveLimits): connections per address,
 * subscriptions per connection, message size, and a bounded send buffer. graphql-ws's own `ws` glue
 * waits for every message to be flushed, so a client that stops reading would make events pile up
 * unseen; here a message is queued at once, and a connection whose queue grows past its bound is
 * closed as a slow consumer instead.
 */
@Injectable()
export class LiveSocketServer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveSocketServer.name);
  private readonly sockets = new WebSocketServer({
    noServer: true,
    maxPayload: this.config.live.maxMessageBytes,
    handleProtocols,
  });
  private readonly connectionsPerAddress = new Map<string, number>();
  /** The key each connection was opened with, checked again every keep-alive period (keyRecheck). */
  private readonly keyOfSocket = new Map<WebSocket, string>();
  private keyRecheck: NodeJS.Timeout | undefined;
  private isClosing = false;
  /** The schema Nest builds at initialisation (after `attach`), asked for when a subscription starts. */
  private schemaOf: () => GraphQLSchema = () => {
    throw new Error('the live server is not attached');
  };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly apiKeys: ApiKeysService,
    private readonly live: LiveUpdatesService,
    private readonly persistedQueries: PersistedQueriesService,
  ) {}

  /** Takes the WebSocket upgrades of /graphql on `server`; `addressOf` names the client as HTTP does. */
  attach(server: HttpServer, schema: () => GraphQLSchema, addressOf: (request: IncomingMessage) => string): void {
    if (!this.config.live.isOn) return;
    this.schemaOf = schema;
    if (this.config.live.keepAliveMs > 0) {
      this.keyRecheck = setInterval(() => void this.closeRevokedKeys(), this.config.live.keepAliveMs);
      this.keyRecheck.unref();
    }
    const protocol = makeServer<Record<string, unknown> | undefined, Connection>(this.protocolOptions());
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(request.url ?? '/', 'http://x').pathname !== LIVE_PATH) {
        return refuseUpgrade(socket, '404 Not Found', `WebSocket connections are taken on ${LIVE_PATH} only`);
      }
      if (this.isClosing) return refuseUpgrade(socket, '503 Service Unavailable', 'The service is shutting down');
      const address = addressOf(request);
      this.sockets.handleUpgrade(request, socket, head, (ws) => {
        const open = this.connectionsPerAddress.get(address) ?? 0;
        if (open >= this.config.live.maxConnectionsPerIp) {
          ws.close(
            LIVE_CLOSE.TOO_MANY_CONNECTIONS,
            `Too many live connections from this address (at most ${this.config.live.maxConnectionsPerIp})`,
          );
          return;
        }
        this.connectionsPerAddress.set(address, open + 1);
        ws.once('close', () => {
          const left = (this.connectionsPerAddress.get(address) ?? 1) - 1;
          if (left > 0) this.connectionsPerAddress.set(address, left);
          else this.connectionsPerAddress.delete(address);
        });
        this.serve(protocol, ws, { headers: {}, ip: address, id: randomUUID() });
      });
    });
  }

  /** Open live connections (for the load test and the metrics). */
  get connectionCount(): number {
    return this.sockets.clients.size;
  }

  /**
   * Part of a graceful stop, once the requests in flight have been answered: no new connection is
   * taken, the changes already heard are delivered, then every socket closes with 1001 (Going Away).
   */
  async closeAll(): Promise<void> {
    this.isClosing = true;
    clearInterval(this.keyRecheck);
    await this.live.idle();
    for (const socket of this.sockets.clients) socket.close(LIVE_CLOSE.GOING_AWAY, 'The server is shutting down');
  }

  /**
   * A key is proved once, when its connection opens; a connection can outlive the key's revocation by
   * hours. So every keep-alive period the keys of all open connections are checked in one query, and
   * a connection whose key is no longer live is closed with 4401.
   */
  private async closeRevokedKeys(): Promise<void> {
    if (this.keyOfSocket.size === 0) return;
    let revoked: Set<string>;
    try {
      revoked = await this.apiKeys.notLiveAmong([...new Set(this.keyOfSocket.values())]);
    } catch (error) {
      // The database is away: the next period checks again; the connections keep what they had.
      this.logger.warn(`Could not check the keys of live connections: ${String(error)}`);
      return;
    }
    for (const [socket, keyId] of this.keyOfSocket) {
      if (revoked.has(keyId)) socket.close(LIVE_CLOSE.UNAUTHORIZED, 'The API key was revoked: connect with a live key');
    }
  }

  /** The last resort of a stop whose grace period is over. */
  terminateAll(): void {
    for (const socket of this.sockets.clients) socket.terminate();
  }

  /** Before the HTTP server closes: it would wait for the upgraded sockets too. */
  async beforeApplicationShutdown(): Promise<void> {
    this.isClosing = true;
    clearInterval(this.keyRecheck);
    this.terminateAll();
    await new Promise<void>((resolve) => this.sockets.close(() => resolve()));
  }

  private get schema(): GraphQLSchema {
    return this.schemaOf();
  }

  private serve(
    protocol: ReturnType<typeof makeServer<Record<string, unknown> | undefined, Connection>>,
    socket: WebSocket,
    req: RequestLike,
  ): void {
    const { maxBufferedBytes, keepAliveMs } = this.config.live;
    let isAlive = true;
    const keepAlive =
      keepAliveMs > 0
        ? setInterval(() => {
            // No answer to the previous ping: the peer is gone (or reads nothing at all).
            if (!isAlive) return socket.terminate();
            isAlive = false;
            socket.ping();
          }, keepAliveMs)
        : undefined;
    socket.on('pong', () => {
      isAlive = true;
    });
    const closed = protocol.opened(
      {
        protocol: socket.protocol,
        send: (data) => {
          if (socket.readyState !== socket.OPEN) return;
          if (socket.bufferedAmount + Buffer.byteLength(data) > maxBufferedBytes) {
            socket.close(
              LIVE_CLOSE.SLOW_CONSUMER,
              `Slow consumer: more than ${maxBufferedBytes} bytes waiting to be sent; reconnect and read faster`,
            );
            return;
          }
          socket.send(data);
        },
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            // What a subscription reads after a change must include it: the primary answers (a replica
            // may not have replayed the change yet, and no later event would correct what it sent).
            readingFromPrimary(() => handle(String(data))).catch((error: unknown) => {
              this.logger.error(`A live connection's message failed: ${String(error)}`);
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          }),
      },
      { socket, req },
    );
    socket.on('error', () => socket.terminate());
    socket.once('close', (code, reason) => {
      clearInterval(keepAlive);
      void closed(code, String(reason));
    });
  }

  private protocolOptions(): Parameters<typeof makeServer<Record<string, unknown> | undefined, Connection>>[0] {
    const coster = queryCoster();
    return {
      schema: () => this.schema,
      connectionInitWaitTimeout: 5000,
      onConnect: async (ctx: LiveContext) => {
        const { socket, req } = ctx.extra;
        const params = ctx.connectionParams ?? {};
        const given = params.authorization ?? params.Authorization;
        if (typeof given === 'string') req.headers.authorization = given;
        try {
          const caller = await this.apiKeys.callerOf(req);
          if (caller) {
            this.keyOfSocket.set(socket, caller.keyId);
            socket.once('close', () => this.keyOfSocket.delete(socket));
          }
          if (!caller && this.config.requireAuthForReads) {
            socket.close(
              LIVE_CLOSE.UNAUTHORIZED,
              'An API key is needed: send {"authorization": "Bearer <key>"} in connection_init',
            );
            return false;
          }
        } catch {
          socket.close(LIVE_CLOSE.UNAUTHORIZED, 'The API key is not valid; send a live key in connection_init');
          return false;
        }
        return true;
      },
      onSubscribe: (ctx: LiveContext, _id, payload) => {
        const open = Object.keys(ctx.subscriptions).length;
        const { maxSubscriptionsPerConnection } = this.config.live;
        if (open > maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `At most ${maxSubscriptionsPerConnection} subscriptions per connection: complete one first, or open another connection`,
              { extensions: { code: 'BAD_USER_INPUT', maxSubscriptions: maxSubscriptionsPerConnection } },
            ),
          ];
        }
        const unregistered = this.persistedQueries.refusalOf(payload.query);
        if (unregistered) return [unregistered];
        const checked = checkSubscription(this.schema, payload, this.config.queryLimits, coster);
        if (Array.isArray(checked)) return checked;
        return checked satisfies ExecutionArgs;
      },
      context: (ctx: LiveContext): GraphqlContext => ({
        req: ctx.extra.req,
        requestId: randomUUID(),
        loaders: new RequestLoaders(),
      }),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors) return undefined;
        return { ...result, errors: result.errors.map((error) => formatGraphqlError(error.toJSON(), error)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatGraphqlError(error.toJSON(), error)),
    };
  }
}
