import { registerEnumType } from '@nestjs/graphql';

/** The Global Coalition's three stated aims; a commitment may name one, or none when it spans all three. */
export enum LineOfEffort {
  PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING = 'PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING',
  DETECT_EMERGING_THREATS = 'DETECT_EMERGING_THREATS',
  PUBLIC_HEALTH_RESPONSE = 'PUBLIC_HEALTH_RESPONSE',
}
registerEnumType(LineOfEffort, {
  name: 'LineOfEffort',
  description: "One of the coalition's three aims, each pursued by a working group.",
  valuesMap: {
    PREVENT_ILLICIT_MANUFACTURE_AND_TRAFFICKING: {
      description: 'Working group 1: preventing the illicit manufacture and trafficking of synthetic drugs.',
    },
    DETECT_EMERGING_THREATS: { description: 'Working group 2: detecting emerging drug threats and use patterns.' },
    PUBLIC_HEALTH_RESPONSE: {
      description: 'Working group 3: public health interventions to prevent and reduce drug use, overdose and harm.',
    },
  },
});
