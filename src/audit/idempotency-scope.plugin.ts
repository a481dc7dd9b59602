import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import { GraphQLError, Kind, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { GraphqlContext } from '../common/graphql-context.js';

/**
 * Mutation fields a selection runs: aliases count apart, fragments are opened, `__typename` writes
 * nothing. A fragment spread twice is merged by GraphQL, so it is counted once.
 */
export function rootFieldCount(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  opened = new Set<string>(),
): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += rootFieldCount(selection.selectionSet, fragments, opened);
    } else if (!opened.has(selection.name.value)) {
      opened.add(selection.name.value);
      const fragment = fragments.get(selection.name.value);
      if (fragment) count += rootFieldCount(fragment.selectionSet, fragments, opened);
    }
  }
  return count;
}

/**
 * An Idempotency-Key names one write. Each mutation field commits on its own, so a key over two would
 * remember the first and refuse the second as a reuse, and a retry could never complete: such a
 * request is refused before anything runs (BAD_USER_INPUT), and nothing is written.
 */
@Plugin()
export class IdempotencyScopePlugin implements ApolloServerPlugin<GraphqlContext> {
  async requestDidStart(): Promise<GraphQLRequestListener<GraphqlContext>> {
    return {
      async didResolveOperation({ request, operation, document }) {
        if (operation?.operation !== 'mutation' || !request.http?.headers.get('idempotency-key')) return;
        const fragments = new Map(
          document.definitions
            .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
            .map((fragment) => [fragment.name.value, fragment]),
        );
        const fields = rootFieldCount(operation.selectionSet, fragments);
        if (fields <= 1) return;
        throw new GraphQLError(
          `An Idempotency-Key covers one mutation field, and this request has ${fields}: send each as its own request with its own key`,
          { extensions: { code: 'BAD_USER_INPUT', argument: 'Idempotency-Key', http: { status: 400 } } },
        );
      },
    };
  }
}
