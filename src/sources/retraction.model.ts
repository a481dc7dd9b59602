import { Field, ObjectType } from '@nestjs/graphql';
import type { CitedFact } from './citation.entity.js';

@ObjectType('Retraction', {
  description:
    'Why a recorded fact no longer counts: it stays on record (nothing is erased), withdrawn by an admin or a dataset revision, with the reason and the sources for withdrawing it.',
})
export class Retraction {
  @Field({ description: 'When the fact was withdrawn.' })
  at: Date;

  @Field({ description: 'Who withdrew it: the name of the API key, or `dataset:r<N>` for a dataset revision.' })
  by: string;

  @Field({ description: 'Why it was withdrawn, in the words of whoever withdrew it.' })
  reason: string;

  /** Which citations hold the retraction's sources (RetractionResolver reads them by these). */
  fact: CitedFact;
  factId: string;
}
