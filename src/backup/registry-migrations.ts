/**
 * The one place the backup feature learns the project's migrations from: a restore brings the target
 * to a file's exact schema with them, then runs the later ones.
 */
export { MIGRATIONS as REGISTRY_MIGRATIONS } from '../database/data-source.options.js';

/**
 * The advisory lock the service holds while it migrates at start-up (src/database/prepare-database.ts),
 * so that a service starting on the target waits for a restore instead of migrating beside it.
 */
export const MIGRATION_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('coalition-registry:migrations'))`;
