import { Field, ID, InterfaceType, ObjectType } from '@nestjs/graphql';
import { ParticipantKind } from './participant-kind.js';

@InterfaceType('Participant', {
  description: 'A country or an international organisation the registry knows, member of a coalition or not.',
  resolveType: (participant: { kind: ParticipantKind }) =>
    participant.kind === ParticipantKind.COUNTRY ? 'Country' : 'InternationalOrganization',
})
export abstract class Participant {
  @Field(() => ID, { description: 'Opaque identifier; queries take the code instead.' })
  id: string;

  @Field({ description: 'ISO 3166-1 alpha-2 for a country, the acronym for an organisation.' })
  code: string;

  @Field(() => ParticipantKind, { description: 'Country or international organisation.' })
  kind: ParticipantKind;

  @Field({ description: 'The English name in common use, e.g. "Türkiye", "United Nations Office on Drugs and Crime".' })
  name: string;

  @Field(() => [String], { description: 'Other names it is known by, e.g. "Turkey" for Türkiye, "PRC" for China.' })
  aliases: string[];
}

@ObjectType({
  implements: () => [Participant],
  description: 'A country of ISO 3166-1, with its codes and region.',
})
export class Country extends Participant {
  @Field({ description: 'ISO 3166-1 alpha-2 code, e.g. "NL" (the same as code).' })
  alpha2: string;

  @Field({ description: 'ISO 3166-1 alpha-3 code, e.g. "NLD".' })
  alpha3: string;

  @Field(() => String, {
    nullable: true,
    description: 'The formal name, e.g. "Kingdom of the Netherlands"; null if not known.',
  })
  officialName: string | null;

  @Field(() => String, { nullable: true, description: 'The region, e.g. "Europe", "Americas"; null if not known.' })
  region: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The subregion, e.g. "Western Europe"; null if not known.',
  })
  subregion: string | null;
}

@ObjectType({
  implements: () => [Participant],
  description: 'An international organisation, e.g. UNODC, known by its acronym.',
})
export class InternationalOrganization extends Participant {
  @Field({ description: 'The acronym the organisation goes by, e.g. "UNODC" (the same as code).' })
  acronym: string;

  @Field(() => String, { nullable: true, description: 'Its website (http or https); null if not recorded.' })
  website: string | null;
}

/** What the participants module hands to GraphQL: one shape for both kinds, told apart by `kind`. */
export type ParticipantView = Participant &
  Partial<Omit<Country, keyof Participant>> &
  Partial<Omit<InternationalOrganization, keyof Participant>>;
