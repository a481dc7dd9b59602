import { Field, InputType } from '@nestjs/graphql';
import { INPUT_LIMITS } from '../../common/input-rules.js';
import { OptionalHttpUrl, RequiredText, TextList } from '../../common/input-validation.js';
import { ParticipantKind } from '../participant-kind.js';

@InputType({ description: 'A participant the registry does not know yet: in practice an international organisation.' })
export class AddParticipantInput {
  @Field(() => ParticipantKind, {
    description:
      'INTERNATIONAL_ORGANIZATION. A COUNTRY is refused: BAD_USER_INPUT for a code ISO 3166-1 lacks, CONFLICT for one the registry already holds.',
  })
  kind: ParticipantKind;

  @Field({
    description: 'ISO 3166-1 alpha-2 for a country (it must exist in ISO 3166-1); the acronym for an organisation.',
  })
  code: string;

  @RequiredText(INPUT_LIMITS.participantName)
  @Field({ description: `The English name in common use; at most ${INPUT_LIMITS.participantName} characters.` })
  name: string;

  @TextList(INPUT_LIMITS.aliasCount, INPUT_LIMITS.alias)
  @Field(() => [String], {
    nullable: true,
    description: `Other names it is known by, for search; at most ${INPUT_LIMITS.aliasCount}, each at most ${INPUT_LIMITS.alias} characters.`,
  })
  aliases?: string[] | null;

  @OptionalHttpUrl(INPUT_LIMITS.website)
  @Field(() => String, {
    nullable: true,
    description: `Its website, an http or https address of at most ${INPUT_LIMITS.website} characters.`,
  })
  website?: string | null;
}
