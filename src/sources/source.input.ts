import { Field, InputType } from '@nestjs/graphql';
import { DateScalar } from '../common/date.scalar.js';
import { INPUT_LIMITS } from '../common/input-rules.js';
import { OptionalHttpUrl, OptionalText, RequiredText } from '../common/input-validation.js';

@InputType({ description: 'The source that attests a write. A url already on record is reused, not copied.' })
export class SourceInput {
  @OptionalHttpUrl()
  @Field(() => String, { nullable: true, description: 'http or https; may be absent for print material.' })
  url?: string | null;

  @RequiredText(INPUT_LIMITS.sourceTitle)
  @Field()
  title: string;

  @OptionalText(INPUT_LIMITS.sourcePublisher)
  @Field(() => String, { nullable: true })
  publisher?: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn?: string | null;
}
