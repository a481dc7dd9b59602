import { registerEnumType } from '@nestjs/graphql';

/** The Global Coalition's three stated aims; a commitment may name one, or none when it spans all three. */
export enum LineOfEffort {
  PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING = 'PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING',
  DETECT_EMERGING_THREATS = 'DETECT_EMERGING_THREATS',
  PUBLIC_HEALTH_RESPONSE = 'PUBLIC_HEALTH_RESPONSE',
}
registerEnumType(LineOfEffort, { name: 'LineOfEffort' });
