/**
 * The operations the sign-in sends, as fixed documents registered at build time like the dashboard's
 * and the console's (scripts/persisted-queries.mjs). This file imports nothing, so the build script can
 * load it on its own.
 */
export const SESSION_OPERATIONS = {
  Viewer: 'query Viewer { viewer { name role } }',
} as const;
