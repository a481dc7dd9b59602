import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { DatePrecision } from '../../common/date-precision.js';
import { DateScalar } from '../../common/date.scalar.js';
import { INPUT_LIMITS } from '../../common/input-rules.js';
import { OptionalHttpUrl, OptionalText } from '../../common/input-validation.js';

@InputType({
  description:
    'Changes to a source (e.g. its address moved, or died and an archived copy is known): a field left out stays as it is; null clears one that may be empty.',
})
export class UpdateSourceInput {
  @Field(() => ID, { description: 'The source to change.' })
  id: string;

  @Field(() => Int, { description: 'The version as you read it; a different one is a CONFLICT.' })
  expectedVersion: number;

  @OptionalHttpUrl()
  @Field(() => String, {
    nullable: true,
    description: 'A new http(s) address (another source may not hold it already); null for print material.',
  })
  url?: string | null;

  @OptionalText(INPUT_LIMITS.sourceTitle)
  @Field(() => String, { nullable: true, description: 'A new title (it cannot be cleared).' })
  title?: string | null;

  @OptionalText(INPUT_LIMITS.sourcePublisher)
  @Field(() => String, { nullable: true, description: 'A new publisher.' })
  publisher?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'A new publication date; not in the future.' })
  publishedOn?: string | null;

  @Field(() => DatePrecision, { nullable: true, description: 'DAY or MONTH: how exactly `publishedOn` is known.' })
  publishedOnPrecision?: DatePrecision | null;

  @OptionalHttpUrl()
  @Field(() => String, {
    nullable: true,
    description: 'The address of a copy kept by an archive (e.g. the Wayback Machine), for when `url` dies.',
  })
  archivedUrl?: string | null;
}
