import { backupFileName, backupsToPrune, isBackupFileName } from './backup-files.js';

describe('backup file names', () => {
  it('name the UTC moment so that names sort by time', () => {
    const early = backupFileName(new Date('2026-01-02T03:04:05.006Z'));
    const later = backupFileName(new Date('2026-11-30T23:59:59.999Z'));
    expect(early).toBe('coalition-registry-2026-01-02T03-04-05.006Z.backup.gz');
    expect([later, early].sort()).toEqual([early, later]);
    expect(isBackupFileName(early)).toBe(true);
  });

  it('--keep prunes only the tool’s own files, oldest first, never the one just written', () => {
    const names = [
      backupFileName(new Date('2026-01-01T00:00:00.000Z')),
      backupFileName(new Date('2026-03-01T00:00:00.000Z')),
      backupFileName(new Date('2026-02-01T00:00:00.000Z')),
      'notes.txt',
      'coalition-registry-before-upgrade.backup.gz',
      `${backupFileName(new Date('2026-01-15T00:00:00.000Z'))}.partial`,
    ];
    expect(backupsToPrune(names, 2)).toEqual([names[0]]);
    expect(backupsToPrune(names, 1)).toEqual([names[0], names[2]]);
    expect(backupsToPrune(names, 5)).toEqual([]);
    expect(backupsToPrune(names, 1, names[0])).toEqual([names[2]]);
  });
});
