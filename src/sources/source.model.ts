import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DatePrecision } from '../common/date-precision.js';
import { DateScalar } from '../common/date.scalar.js';

@ObjectType('Source', { description: 'A document that attests a fact: the answer to "on whose word?".' })
export class Source {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Null for print material with no address.' })
  url: string | null;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  publisher: string | null;

  @Field(() => DateScalar, { nullable: true })
  publishedOn: string | null;

  @Field(() => DatePrecision)
  publishedOnPrecision: DatePrecision;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A copy kept by an archive (e.g. the Wayback Machine), for when `url` no longer answers.',
  })
  archivedUrl: string | null;

  @Field(() => Int, { description: 'Raised by each update; send it back as `expectedVersion` to update the source.' })
  version: number;
}
