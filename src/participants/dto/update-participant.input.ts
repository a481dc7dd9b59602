import { Field, InputType, Int } from '@nestjs/graphql';
import { INPUT_LIMITS } from '../../common/input-rules.js';
import { OptionalText, TextList } from '../../common/input-validation.js';

@InputType({
  description:
    "Changes to a participant's name or aliases: a field left out stays as it is. A country an admin changed is no longer refreshed from the ISO catalog.",
})
export class UpdateParticipantInput {
  @Field({ description: 'The participant: ISO alpha-2 or alpha-3 code, or organisation acronym.' })
  code: string;

  @Field(() => Int, { description: 'The version as you read it; a different one is a CONFLICT.' })
  expectedVersion: number;

  @OptionalText(INPUT_LIMITS.participantName)
  @Field(() => String, { nullable: true, description: 'A new name (it cannot be cleared).' })
  name?: string | null;

  @TextList(INPUT_LIMITS.aliasCount, INPUT_LIMITS.alias)
  @Field(() => [String], {
    nullable: true,
    description: 'Every other name it is known by, replacing the list on record (an empty list or null clears it).',
  })
  aliases?: string[] | null;
}
