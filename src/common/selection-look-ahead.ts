import {
  getArgumentValues,
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  Kind,
  typeFromAST,
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';

/**
 * One field a query asks of an object type, as GraphQL will execute it: every node that answers the
 * same response key merged (from fragments too), arguments coerced with the request's variables.
 * `args` is null when the nodes disagree on them or on the field they name (a selection set reached
 * twice, e.g. through `nodes` and `edges { node }`, is not merged by GraphQL's validation) or when
 * they cannot be coerced: a caller then
 * leaves the field to its resolver, which reports any error as it always did.
 */
export interface LookedAheadField {
  name: string;
  responseKey: string;
  args: Record<string, unknown> | null;
  /** The field's own selection sets, to look further down. */
  selectionSets: SelectionSetNode[];
}

/**
 * What `selectionSets` ask of `type`, before the resolvers run: lets a root field answer a whole
 * selection in one SQL statement (PostGraphile's way) instead of one per nested field. Follows named
 * and inline fragments whose type condition `type` satisfies, and drops what @skip/@include leave out.
 */
export function selectedFields(
  info: GraphQLResolveInfo,
  type: GraphQLObjectType,
  selectionSets: ReadonlyArray<SelectionSetNode | undefined>,
): LookedAheadField[] {
  const byKey = new Map<string, { name: string; nodes: FieldNode[]; isMixed: boolean }>();
  const visitedFragments = new Set<string>();
  const isIncluded = (node: Parameters<typeof getDirectiveValues>[1]) =>
    getDirectiveValues(GraphQLSkipDirective, node, info.variableValues)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues)?.if !== false;
  const appliesTo = (condition: Parameters<typeof typeFromAST>[1] | undefined) => {
    if (!condition) return true;
    const conditionType = typeFromAST(info.schema, condition);
    if (conditionType === type) return true;
    return conditionType !== undefined && isAbstractType(conditionType) && info.schema.isSubType(conditionType, type);
  };
  const visit = (selectionSet: SelectionSetNode | undefined) => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!isIncluded(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const responseKey = selection.alias?.value ?? selection.name.value;
        const entry = byKey.get(responseKey);
        if (entry) {
          entry.nodes.push(selection);
          // Under `nodes` and under `edges { node }` one response key may name two different fields.
          entry.isMixed ||= entry.name !== selection.name.value;
        } else byKey.set(responseKey, { name: selection.name.value, nodes: [selection], isMixed: false });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(selection.typeCondition)) visit(selection.selectionSet);
      } else if (!visitedFragments.has(selection.name.value)) {
        visitedFragments.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment && appliesTo(fragment.typeCondition)) visit(fragment.selectionSet);
      }
    }
  };
  selectionSets.forEach(visit);

  const definitions = type.getFields();
  return [...byKey].map(([responseKey, { name, nodes, isMixed }]) => {
    const definition = definitions[name];
    let args: Record<string, unknown> | null = null;
    if (definition && !isMixed) {
      try {
        const [first, ...others] = nodes.map((node) => getArgumentValues(definition, node, info.variableValues));
        const signature = JSON.stringify(first);
        args = others.every((other) => JSON.stringify(other) === signature) ? (first ?? null) : null;
      } catch {
        args = null;
      }
    }
    const selectionSets = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    return { name, responseKey, args, selectionSets };
  });
}
