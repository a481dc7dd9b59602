import { Field, InputType } from '@nestjs/graphql';
import { DateScalar } from '../common/date.scalar.js';

@InputType({ description: 'The source that attests a write. A url already on record is reused, not copied.' })
export class SourceInput {
  @Field(() => String, { nullable: true, description: 'http or https; may be absent for print material.' })
  url?: string | null;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  publisher?: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn?: string | null;
}
