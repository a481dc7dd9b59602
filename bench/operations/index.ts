import type { OperationName } from '../bench-options.js';
import { dashboardStats } from './dashboard-stats.js';
import { diplomatLookup } from './diplomat-lookup.js';
import { membersPage } from './members-page.js';
import { nestedPage } from './nested-page.js';
import type { Operation } from './operation.js';

export const OPERATIONS: Record<OperationName, Operation<unknown>> = {
  'diplomat-lookup': diplomatLookup as Operation<unknown>,
  'members-page': membersPage as Operation<unknown>,
  'dashboard-stats': dashboardStats as Operation<unknown>,
  'nested-page': nestedPage as Operation<unknown>,
};
