import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveSubscription<Data = Record<string, any>> {
  /** Every result received so far, in order. */
  results: Array<{ data?: Data; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Resolves with the next result not yet taken (or rejects after `timeoutMs`). */
  next(
    timeoutMs?: number,
  ): Promise<{ data?: Data; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Resolves when the subscription ends, with the close event's code when the socket closed under it. */
  ended: Promise<{ closeCode?: number; closeReason?: string; error?: unknown }>;
}

export interface LiveClient {
  client: Client;
  subscribe<Data = Record<string, any>>(query: string, variables?: Record<string, unknown>): LiveSubscription<Data>;
  /** Resolves once the connection is acknowledged (after connection_init). */
  connected: Promise<void>;
  /** The close event of the socket, when it closes. */
  closed: Promise<{ code: number; reason: string }>;
  dispose(): Promise<void>;
}

/** A graphql-ws client (the protocol Apollo Client, urql and GraphiQL speak) for a test service. */
export function liveClient(baseUrl: string, connectionParams: Record<string, unknown> = {}): LiveClient {
  let onConnected!: () => void;
  let onClosed!: (event: { code: number; reason: string }) => void;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams,
    lazy: false,
    retryAttempts: 0,
    // The test reads the close event itself (`closed`): no need for the client to log it.
    onNonLazyError: () => undefined,
    on: {
      connected: () => onConnected(),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    connected,
    closed,
    subscribe<Data>(query: string, variables: Record<string, unknown> = {}) {
      const results: LiveSubscription<Data>['results'] = [];
      const waiting: Array<() => void> = [];
      let taken = 0;
      let onEnded!: (outcome: { closeCode?: number; closeReason?: string; error?: unknown }) => void;
      const ended = new Promise<{ closeCode?: number; closeReason?: string; error?: unknown }>(
        (resolve) => (onEnded = resolve),
      );
      client.subscribe<Data>(
        { query, variables },
        {
          next: (result) => {
            results.push(result as LiveSubscription<Data>['results'][number]);
            waiting.splice(0).forEach((wake) => wake());
          },
          error: (error) => {
            const event = error as { code?: number; reason?: string };
            onEnded(typeof event?.code === 'number' ? { closeCode: event.code, closeReason: event.reason } : { error });
            waiting.splice(0).forEach((wake) => wake());
          },
          complete: () => onEnded({}),
        },
      );
      return {
        results,
        ended,
        async next(timeoutMs = 5000) {
          const deadline = Date.now() + timeoutMs;
          while (results.length <= taken) {
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no live result within ${timeoutMs} ms`);
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, left);
              waiting.push(() => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
          return results[taken++];
        },
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}
