import type { Caller, Role } from '../common/graphql-context.js';

/** Who a write is recorded against: an API key's holder, or one of the service's own tools. */
export type ActorRole = Role | 'SYSTEM';

export interface Actor {
  /** An API key's name (never the key), `seed`, or `cli:<user>` for the key CLI. */
  name: string;
  role: ActorRole;
}

export const actorOf = (caller: Caller): Actor => ({ name: caller.keyName, role: caller.role });

/** The seed, or an operator at the machine's shell: writes no API key made. */
export const systemActor = (name: string): Actor => ({ name, role: 'SYSTEM' });
