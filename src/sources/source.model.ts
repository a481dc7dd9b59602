import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DatePrecision } from '../common/date-precision.js';
import { DateScalar } from '../common/date.scalar.js';

@ObjectType('Source', { description: 'A document that attests a fact: the answer to "on whose word?".' })
export class Source {
  @Field(() => ID, { description: 'Opaque identifier of this source; one source may attest many facts.' })
  id: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where to read it (http or https); null for print material with no address.',
  })
  url: string | null;

  @Field({ description: 'The title of the document, e.g. a press release or an article headline.' })
  title: string;

  @Field(() => String, {
    nullable: true,
    description: 'Who published it, e.g. "South China Morning Post"; null if not recorded.',
  })
  publisher: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The date it was published; null if not known.' })
  publishedOn: string | null;

  @Field(() => DatePrecision, { description: 'How exactly publishedOn is known.' })
  publishedOnPrecision: DatePrecision;

  @Field(() => String, {
    nullable: true,
    description:
      'What a reader should know about the source, e.g. what it reports or where it was reposted; null if nothing.',
  })
  note: string | null;
}
