import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Did the query ask for `field` directly under the field being resolved? Lets a resolver skip work
 * nobody asked for (a count). Fragments are not followed: under one, the answer is a safe "yes".
 */
export function isFieldSelected(info: GraphQLResolveInfo, field: string): boolean {
  const isSelectedIn = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).some(
      (selection) => selection.kind !== Kind.FIELD || selection.name.value === field,
    );
  return info.fieldNodes.some((node) => isSelectedIn(node.selectionSet));
}
