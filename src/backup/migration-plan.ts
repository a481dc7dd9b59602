import { RestoreRefused } from './backup-errors.js';

/** How a restore reaches the code's schema: the file's migrations before the rows, the rest after. */
export interface MigrationPlan {
  beforeRows: string[];
  afterRows: string[];
}

/**
 * A file's migrations must be the first migrations the code knows, in the code's order: then the
 * target can be brought to exactly the file's schema. A file from a newer schema is refused (its
 * rows may need columns this code cannot create); so is one whose history went another way.
 */
export function planMigrations(file: string, fileMigrations: string[], codeMigrations: string[]): MigrationPlan {
  const unknown = fileMigrations.filter((name) => !codeMigrations.includes(name));
  if (unknown.length > 0) {
    throw new RestoreRefused(
      `${file} comes from a newer schema than this code: it was taken after migration(s) ${unknown.join(', ')}, ` +
        `which this version of coalition-registry does not have (its last is ${codeMigrations.at(-1)}). ` +
        'Upgrade the code first (a version that has those migrations, then npm install), and restore again. Nothing was written.',
    );
  }
  const isPrefix = fileMigrations.every((name, index) => codeMigrations[index] === name);
  if (fileMigrations.length === 0 || !isPrefix) {
    throw new RestoreRefused(
      `${file} lists migrations (${fileMigrations.join(', ') || 'none'}) that are not the first ones of this code ` +
        `(${codeMigrations.join(', ')}), so no schema of this code fits its rows. ` +
        'Restore it with the version of coalition-registry that took it. Nothing was written.',
    );
  }
  return {
    beforeRows: codeMigrations.slice(0, fileMigrations.length),
    afterRows: codeMigrations.slice(fileMigrations.length),
  };
}
