import { registerEnumType } from '@nestjs/graphql';

/** How exactly a source dates a fact: to the day, only to the month, or only from a day on. */
export enum DatePrecision {
  DAY = 'DAY',
  MONTH = 'MONTH',
  /** The date is a lower bound only: an undated page that describes a dated event as past. */
  ON_OR_AFTER = 'ON_OR_AFTER',
}
registerEnumType(DatePrecision, {
  name: 'DatePrecision',
  description:
    'How exactly a source dates a fact: to the day, or only to the month (the date is then the first or last day the source allows), or only from a day on.',
  valuesMap: {
    DAY: { description: 'The source gives the exact day.' },
    MONTH: { description: 'The source gives only the month; the day shown is the first or last it allows.' },
    ON_OR_AFTER: {
      description:
        'The date is a lower bound only: the fact was true on that day or later (e.g. an undated page that describes the day as past). Only a reported figure may be dated so.',
    },
  },
});

/** Whether a date says when the fact was true (DAY, MONTH), not only that it was true by some later day. */
export const isPointInTime = (precision: DatePrecision): boolean => precision !== DatePrecision.ON_OR_AFTER;
