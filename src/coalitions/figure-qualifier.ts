import { registerEnumType } from '@nestjs/graphql';

/** How a source qualified a number: "84" is EXACT, "more than 80" is MORE_THAN 80. */
export enum FigureQualifier {
  EXACT = 'EXACT',
  MORE_THAN = 'MORE_THAN',
  AT_LEAST = 'AT_LEAST',
  ABOUT = 'ABOUT',
  NEARLY = 'NEARLY',
}
registerEnumType(FigureQualifier, {
  name: 'FigureQualifier',
  description: 'How the source qualified the number it gave, e.g. "more than 80" is MORE_THAN with 80.',
  valuesMap: {
    EXACT: { description: 'The number as given, unqualified ("84 countries").' },
    MORE_THAN: { description: 'Strictly more than the number ("more than 80").' },
    AT_LEAST: { description: 'The number or more ("at least 80").' },
    ABOUT: { description: 'Roughly the number, either side ("about 80", "some 80").' },
    NEARLY: { description: 'Just under the number ("nearly 100", "almost 100").' },
  },
});
