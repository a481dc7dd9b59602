import { registerEnumType } from '@nestjs/graphql';

/** How a source qualified a number: "84" is EXACT, "more than 80" is MORE_THAN 80. */
export enum FigureQualifier {
  EXACT = 'EXACT',
  MORE_THAN = 'MORE_THAN',
  AT_LEAST = 'AT_LEAST',
  ABOUT = 'ABOUT',
  NEARLY = 'NEARLY',
}
registerEnumType(FigureQualifier, { name: 'FigureQualifier' });
