import { getNamedType, isObjectType, type GraphQLResolveInfo } from 'graphql';
import { selectedFields } from './selection-look-ahead.js';

/**
 * Did the query ask for `field` directly under the field being resolved (fragments and @skip/@include
 * followed, by the look-ahead)? Lets a resolver skip work nobody asked for (a count). Under a type it
 * cannot look into, the answer is a safe "yes".
 */
export function isFieldSelected(info: GraphQLResolveInfo, field: string): boolean {
  const type = getNamedType(info.returnType);
  if (!isObjectType(type)) return true;
  const selectionSets = info.fieldNodes.map((node) => node.selectionSet);
  return selectedFields(info, type, selectionSets).some((selected) => selected.name === field);
}
