import { registerEnumType } from '@nestjs/graphql';

export enum ParticipantKind {
  COUNTRY = 'COUNTRY',
  INTERNATIONAL_ORGANIZATION = 'INTERNATIONAL_ORGANIZATION',
}
registerEnumType(ParticipantKind, { name: 'ParticipantKind' });
