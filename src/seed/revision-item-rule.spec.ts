import { datasetActorName, decideRevisionItem, isDatasetWriter, type FactWriter } from './revision-item-rule.js';

const seed: FactWriter = { name: 'seed', role: 'SYSTEM' };
const revision1: FactWriter = { name: 'dataset:r1', role: 'SYSTEM' };
const admin: FactWriter = { name: 'ops-admin', role: 'ADMIN' };

describe('who counts as the dataset', () => {
  it.each([
    [{ name: 'seed' }, true],
    [{ name: 'seed', role: 'SYSTEM' }, true],
    [{ name: 'dataset:r1' }, true],
    [{ name: 'dataset:r12', role: 'SYSTEM' }, true],
    [{ name: 'dataset:r0' }, false],
    [{ name: 'dataset:rx' }, false],
    [{ name: 'importer', role: 'ADMIN' }, false],
    [{ name: 'cli:root', role: 'SYSTEM' }, false],
  ] as Array<[FactWriter, boolean]>)('%j is the dataset: %s', (writer, expected) => {
    expect(isDatasetWriter(writer)).toBe(expected);
  });

  it('does not take an API key named like the dataset for the dataset (its audit role gives it away)', () => {
    expect(isDatasetWriter({ name: 'seed', role: 'ADMIN' })).toBe(false);
    expect(isDatasetWriter({ name: 'dataset:r2', role: 'ADMIN' })).toBe(false);
  });

  it('names a revision dataset:r<N>', () => {
    expect(datasetActorName(2)).toBe('dataset:r2');
  });
});

describe('may a revision item apply', () => {
  it('adds a fact the database does not have', () => {
    expect(decideRevisionItem('add', { isPresent: false })).toEqual({ apply: true });
  });

  it('skips, as a conflict, a fact an admin recorded first, naming who', () => {
    const decision = decideRevisionItem('add', { isPresent: true, writers: [admin] });
    expect(decision).toEqual({ apply: false, isConflict: true, reason: expect.stringContaining('ops-admin') });
  });

  it('skips quietly a fact the dataset recorded already', () => {
    expect(decideRevisionItem('add', { isPresent: true, writers: [seed, revision1] })).toEqual({
      apply: false,
      isConflict: false,
      reason: 'already in the database',
    });
  });

  it('skips, as a conflict, a fact on record with other details (a source an admin cited first)', () => {
    expect(decideRevisionItem('add', { isPresent: true, writers: [], isAsExpected: false })).toMatchObject({
      apply: false,
      isConflict: true,
    });
  });

  it('amends a fact only the dataset wrote and that is still as the dataset left it', () => {
    expect(decideRevisionItem('amend', { isPresent: true, writers: [seed] })).toEqual({ apply: true });
    expect(decideRevisionItem('amend', { isPresent: true, writers: [revision1], isAsExpected: true })).toEqual({
      apply: true,
    });
  });

  it('never amends a fact an admin changed since, whoever else wrote it', () => {
    const decision = decideRevisionItem('amend', { isPresent: true, writers: [seed, admin, revision1] });
    expect(decision).toEqual({ apply: false, isConflict: true, reason: expect.stringContaining('ops-admin') });
  });

  it('does not amend a fact that is no longer as the dataset recorded it, or is missing', () => {
    expect(decideRevisionItem('amend', { isPresent: true, writers: [seed], isAsExpected: false })).toMatchObject({
      apply: false,
      isConflict: true,
    });
    expect(decideRevisionItem('amend', { isPresent: false })).toMatchObject({ apply: false, isConflict: true });
  });
});
