/**
 * Failures a person can act on. Each message says what is wrong and what to do; the CLIs print the
 * message alone (a `code` marks the error as expected: database/cli-database.ts exitOnFailure), never a stack.
 */
export class BackupFileDamaged extends Error {
  readonly code = 'BACKUP_FILE_DAMAGED';
  constructor(file: string, problem: string) {
    super(
      `${file} cannot be restored: ${problem}. The file is truncated or damaged; nothing was written. ` +
        'Use another copy of this backup, or take a new one with `npm run backup`.',
    );
  }
}

export class RestoreRefused extends Error {
  readonly code = 'RESTORE_REFUSED';
}

/** Something went wrong inside the restore's transaction: it was rolled back, the target is as it was. */
export class RestoreFailed extends Error {
  readonly code = 'RESTORE_FAILED';
  constructor(problem: string) {
    super(`${problem}. The restore was rolled back: the target database is as it was before.`);
  }
}

export class BackupRefused extends Error {
  readonly code = 'BACKUP_REFUSED';
}
