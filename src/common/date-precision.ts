import { registerEnumType } from '@nestjs/graphql';

/** How exactly a source dates a fact: to the day, or only to the month. */
export enum DatePrecision {
  DAY = 'DAY',
  MONTH = 'MONTH',
}
registerEnumType(DatePrecision, {
  name: 'DatePrecision',
  description:
    'How exactly a source dates a fact: to the day, or only to the month (the date is then the first or last day the source allows).',
  valuesMap: {
    DAY: { description: 'The source gives the exact day.' },
    MONTH: { description: 'The source gives only the month; the day shown is the first or last it allows.' },
  },
});
