import type { RequestLoaders } from './request-loaders.js';

export type Role = 'VIEWER' | 'ADMIN';

/** Who is calling: resolved from the API key once per request. */
export interface Caller {
  keyId: string;
  keyName: string;
  role: Role;
}

export interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  ip?: string;
  id?: string;
}

export interface GraphqlContext {
  req: RequestLike;
  requestId: string;
  loaders: RequestLoaders;
  caller?: Caller;
}
