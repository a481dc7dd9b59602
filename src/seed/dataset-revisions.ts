import type { DatasetRevision } from './dataset-revision.js';
import { SYNTHETIC_DRUG_COALITION } from './synthetic-drug-coalition.revision-1.data.js';
import { SYNTHETIC_DRUG_COALITION_REVISION_2 } from './synthetic-drug-coalition.revision-2.data.js';

/**
 * The dataset the project ships, as the numbered series of revisions a registry receives in order
 * (each once, at start). Append a revision for newly sourced facts; never edit a shipped one.
 */
export const DATASET_REVISIONS: readonly DatasetRevision[] = [
  {
    revision: 1,
    note: 'the facts gathered first',
    sources: SYNTHETIC_DRUG_COALITION.sources,
    items: [{ kind: 'coalition', facts: SYNTHETIC_DRUG_COALITION }],
  },
  SYNTHETIC_DRUG_COALITION_REVISION_2,
];
