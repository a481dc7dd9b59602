import { Field, InputType } from '@nestjs/graphql';
import { DateScalar } from '../common/date.scalar.js';
import { INPUT_LIMITS } from '../common/input-rules.js';
import { OptionalHttpUrl, OptionalText, RequiredText } from '../common/input-validation.js';

@InputType({
  description:
    'The source that attests a write. A url already on record is reused as it stands (the title, publisher and date given here are then not stored); without a url, a source with the same title and publisher is reused.',
})
export class SourceInput {
  @OptionalHttpUrl()
  @Field(() => String, {
    nullable: true,
    description: `Where to read it: an http or https address of at most ${INPUT_LIMITS.url} characters; leave out for print material.`,
  })
  url?: string | null;

  @RequiredText(INPUT_LIMITS.sourceTitle)
  @Field({ description: `The title of the document; at most ${INPUT_LIMITS.sourceTitle} characters.` })
  title: string;

  @OptionalText(INPUT_LIMITS.sourcePublisher)
  @Field(() => String, {
    nullable: true,
    description: `Who published it; at most ${INPUT_LIMITS.sourcePublisher} characters.`,
  })
  publisher?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date it was published (to the day), when known.' })
  publishedOn?: string | null;
}
