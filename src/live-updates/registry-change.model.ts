import { Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { CHANGE_KINDS, type ChangeKind } from '../response-cache/registry-change-notice.js';

export const RegistryChangeKind = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, kind])) as {
  [Kind in ChangeKind]: Kind;
};
registerEnumType(RegistryChangeKind, {
  name: 'RegistryChangeKind',
  description: 'The kind of record a change touched.',
  valuesMap: {
    MEMBERSHIP: { description: "A membership: a participant's status in a coalition, and its history." },
    COMMITMENT: { description: 'A commitment a member made, or its status.' },
    PARTICIPANT: { description: 'A participant the registry knows (it belongs to no coalition).' },
    COALITION: { description: 'A coalition itself: its name, description, launch date or roster note (its id).' },
    REPORTED_FIGURE: { description: "A headcount reported of the coalition, or its retraction (stats' reported)." },
    COALITION_EVENT: { description: 'Something that happened to the coalition (its events).' },
    ENGAGEMENT: { description: 'A participant seen working with the coalition without being a member.' },
    LINE_OF_EFFORT: { description: "One of the coalition's aims and its working group." },
    SOURCE: { description: 'A source the registry cites (it belongs to no coalition: facts of any may cite it).' },
  },
});

@ObjectType('RegistryChange', {
  description:
    'Records of one kind in one coalition that one committed write changed (a mutation, or a whole import), or ' +
    'several writes that came faster than they could be told, merged. It names ids only: read what you need again.',
})
export class RegistryChange {
  @Field(() => String, {
    nullable: true,
    description: "The coalition's slug; null for a record that belongs to no coalition (a participant, a source).",
  })
  coalition: string | null;

  @Field(() => RegistryChangeKind, { description: 'What kind of record changed.' })
  kind: ChangeKind;

  @Field(() => [ID], {
    nullable: true,
    description: 'The ids of the records changed; null when they were too many to list (see isTooManyToList).',
  })
  ids: string[] | null;

  @Field({
    description:
      'True when the write changed more records than a change can name (a large import): read the coalition again.',
  })
  isTooManyToList: boolean;

  @Field(() => GraphQLDateTimeISO, { description: 'When the write committed (the database clock).' })
  at: Date;

  @Field(() => Float, {
    description:
      'The position of the last write this change covers. Positions rise with every committed write, in commit ' +
      'order, whichever instance took it; between two changes they skip the writes merged into the later one, ' +
      'those of coalitions not followed, and those that change no registry record (an API key).',
  })
  position: number;
}
