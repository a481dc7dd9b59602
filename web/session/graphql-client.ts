import { authorizationHeaders } from './api-key';
import { SESSION_OPERATIONS } from './session-operations';
import { noteWritePosition, readYourWritesHeaders } from './write-position';

/** One GraphQL error as the registry reports it: a message for people and a code (and the field at fault). */
export interface RegistryError {
  message: string;
  extensions?: { code?: string; argument?: string };
}

/** A GraphQL answer with errors, or a failed HTTP exchange, in words a reader of the page can use. */
export class RegistryRequestError extends Error {
  constructor(
    message: string,
    readonly errors: RegistryError[] = [],
  ) {
    super(message);
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

/** The pages talk to the service only through its public GraphQL API, like any other client. */
export async function graphql<Data>(
  query: string,
  variables: Record<string, unknown>,
  options: { signal?: AbortSignal; headers?: Record<string, string>; key?: string | null } = {},
): Promise<Data> {
  const response = await fetch(new URL('graphql', document.baseURI), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...authorizationHeaders(options.key === undefined ? undefined : options.key),
      ...readYourWritesHeaders(),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
    signal: options.signal,
  });
  noteWritePosition(response);
  const body = (await response.json().catch(() => ({}))) as { data?: Data; errors?: RegistryError[] };
  if (body.errors?.length) {
    throw new RegistryRequestError(body.errors.map((error) => error.message).join('; '), body.errors);
  }
  if (!response.ok || !body.data) throw new RegistryRequestError(`The registry answered HTTP ${response.status}`);
  return body.data;
}

export interface Viewer {
  name: string;
  role: 'VIEWER' | 'ADMIN';
}

/** Who a key belongs to; refused (UNAUTHENTICATED) when it is not a live key. */
export async function fetchViewer(key: string | null): Promise<Viewer | null> {
  const data = await graphql<{ viewer: Viewer | null }>(SESSION_OPERATIONS.Viewer, {}, { key });
  return data.viewer;
}

/** The WebSocket address (graphql-ws) of a GraphQL endpoint's HTTP address: wss: beside https:, ws: beside http:. */
export function liveSocketUrl(endpoint: URL): string {
  const url = new URL(endpoint);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
