import { Field, InputType } from '@nestjs/graphql';
import { INPUT_LIMITS } from '../../common/input-rules.js';
import { OptionalHttpUrl, RequiredText, TextList } from '../../common/input-validation.js';
import { ParticipantKind } from '../participant-kind.js';

@InputType()
export class AddParticipantInput {
  @Field(() => ParticipantKind)
  kind: ParticipantKind;

  @Field({
    description: 'ISO 3166-1 alpha-2 for a country (it must exist in ISO 3166-1); the acronym for an organisation.',
  })
  code: string;

  @RequiredText(INPUT_LIMITS.participantName)
  @Field()
  name: string;

  @TextList(INPUT_LIMITS.aliasCount, INPUT_LIMITS.alias)
  @Field(() => [String], { nullable: true })
  aliases?: string[] | null;

  @OptionalHttpUrl(INPUT_LIMITS.website)
  @Field(() => String, { nullable: true })
  website?: string | null;
}
