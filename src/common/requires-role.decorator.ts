import { SetMetadata } from '@nestjs/common';
import type { Role } from './graphql-context.js';

export const REQUIRED_ROLE = 'coalition-registry:required-role';

/** The least role an operation needs. Mutations need ADMIN even without it (see AuthGuard). */
export const RequiresRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);
