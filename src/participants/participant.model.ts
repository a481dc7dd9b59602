import { Field, ID, Int, InterfaceType, ObjectType } from '@nestjs/graphql';
import { ParticipantKind } from './participant-kind.js';

@InterfaceType('Participant', {
  description: 'A country or an international organisation the registry knows, member of a coalition or not.',
  resolveType: (participant: { kind: ParticipantKind }) =>
    participant.kind === ParticipantKind.COUNTRY ? 'Country' : 'InternationalOrganization',
})
export abstract class Participant {
  @Field(() => ID)
  id: string;

  @Field({ description: 'ISO 3166-1 alpha-2 for a country, the acronym for an organisation.' })
  code: string;

  @Field(() => ParticipantKind)
  kind: ParticipantKind;

  @Field()
  name: string;

  @Field(() => [String], { description: 'Other names it is known by, e.g. "Turkey" for Türkiye, "PRC" for China.' })
  aliases: string[];

  @Field(() => Int, {
    description: 'Raised by each update; send it back as `expectedVersion` to update the participant.',
  })
  version: number;
}

@ObjectType({ implements: () => [Participant] })
export class Country extends Participant {
  @Field()
  alpha2: string;

  @Field()
  alpha3: string;

  @Field(() => String, { nullable: true })
  officialName: string | null;

  @Field(() => String, { nullable: true })
  region: string | null;

  @Field(() => String, { nullable: true })
  subregion: string | null;
}

@ObjectType({ implements: () => [Participant] })
export class InternationalOrganization extends Participant {
  @Field()
  acronym: string;

  @Field(() => String, { nullable: true })
  website: string | null;
}

/** What the participants module hands to GraphQL: one shape for both kinds, told apart by `kind`. */
export type ParticipantView = Participant &
  Partial<Omit<Country, keyof Participant>> &
  Partial<Omit<InternationalOrganization, keyof Participant>>;
