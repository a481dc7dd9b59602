import { Field, InputType } from '@nestjs/graphql';
import { ParticipantKind } from '../participant-kind.js';

@InputType()
export class AddParticipantInput {
  @Field(() => ParticipantKind)
  kind: ParticipantKind;

  @Field({
    description: 'ISO 3166-1 alpha-2 for a country (it must exist in ISO 3166-1); the acronym for an organisation.',
  })
  code: string;

  @Field()
  name: string;

  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;

  @Field(() => String, { nullable: true })
  website?: string | null;
}
