/** Where live connections are taken: the GraphQL endpoint itself, as graphql-ws clients expect. */
export const LIVE_PATH = '/graphql';

/**
 * How the server ends a live connection, one code per reason, so a client can tell what to do: 1001
 * and 4008 mean "reconnect" (elsewhere, or reading faster), the others that retrying will not help.
 * A message over LIVE_MAX_MESSAGE_BYTES is closed by the WebSocket library itself with 1009.
 */
export const LIVE_CLOSE = {
  /** The server is stopping (SIGTERM): reconnect, another instance will take the connection. */
  GOING_AWAY: 1001,
  /** No key, or a key that is not live, where one is needed (graphql-ws's own code for it). */
  UNAUTHORIZED: 4401,
  /** The client fell more than LIVE_MAX_BUFFERED_BYTES behind. */
  SLOW_CONSUMER: 4008,
  /** The address already holds LIVE_MAX_CONNECTIONS_PER_IP connections. */
  TOO_MANY_CONNECTIONS: 4029,
} as const;
