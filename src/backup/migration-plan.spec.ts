import { RestoreRefused } from './backup-errors.js';
import { planMigrations } from './migration-plan.js';

const CODE = ['Create1000000000001', 'Keys1000000000002', 'Index1000000000003'];

describe('bringing a restore target to a backup file’s schema', () => {
  it('runs the file’s migrations before the rows and the code’s later ones after', () => {
    expect(planMigrations('f', CODE.slice(0, 2), CODE)).toEqual({
      beforeRows: CODE.slice(0, 2),
      afterRows: CODE.slice(2),
    });
    expect(planMigrations('f', CODE, CODE)).toEqual({ beforeRows: CODE, afterRows: [] });
  });

  it('refuses a file from a newer schema and says to upgrade the code first', () => {
    const refusal = () => planMigrations('f.gz', [...CODE, 'Future1900000000000'], CODE);
    expect(refusal).toThrow(RestoreRefused);
    expect(refusal).toThrow(/f\.gz comes from a newer schema .* Future1900000000000, .* Upgrade the code first/);
  });

  it('refuses a file whose migration history is not the beginning of the code’s', () => {
    expect(() => planMigrations('f', [CODE[0]!, CODE[2]!], CODE)).toThrow(/are not the first ones of this code/);
    expect(() => planMigrations('f', [], CODE)).toThrow(/\(none\) that are not the first ones/);
  });
});
