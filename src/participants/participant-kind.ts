import { registerEnumType } from '@nestjs/graphql';

export enum ParticipantKind {
  COUNTRY = 'COUNTRY',
  INTERNATIONAL_ORGANIZATION = 'INTERNATIONAL_ORGANIZATION',
}
registerEnumType(ParticipantKind, {
  name: 'ParticipantKind',
  description: 'Whether a participant is a country or an international organisation.',
  valuesMap: {
    COUNTRY: { description: 'A country of ISO 3166-1 (the registry knows them all).' },
    INTERNATIONAL_ORGANIZATION: {
      description: 'An international organisation, e.g. UNODC or the EU, known by its acronym.',
    },
  },
});
