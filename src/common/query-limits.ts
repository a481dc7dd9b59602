import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { ComplexityEstimatorArgs } from '@nestjs/graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import {
  GraphQLError,
  visit,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from 'graphql';
import type { QueryLimits } from '../config/app-config.js';
import type { GraphqlContext } from './graphql-context.js';

/**
 * No single request may hurt the service: depth and alias limits (GraphQL Armor rules), a token limit
 * (graphql-js's own parser option), and a cost limit in which a list costs its page size times what
 * each item costs (graphql-query-complexity, reading the `complexity` of each field).
 */

/** Lists with no `first` argument are estimated at this many items. */
const UNPAGED_LIST_ITEMS = 5;

/** Field complexity of a paged list: `first` (or its default) items of what each costs. */
export const pagedListCost =
  (defaultSize: number) =>
  ({ args, childComplexity }: ComplexityEstimatorArgs): number =>
    1 + (typeof args.first === 'number' && args.first > 0 ? args.first : defaultSize) * childComplexity;

/** Field complexity of a list that is not paged (a membership's history, a fact's sources). */
export const unpagedListCost = ({ childComplexity }: ComplexityEstimatorArgs): number =>
  1 + UNPAGED_LIST_ITEMS * childComplexity;

/** Field complexity of a list whose largest size its arguments tell (a timeline's periods). */
export const countedListCost =
  (itemsAtMost: (args: Record<string, unknown>) => number) =>
  ({ args, childComplexity }: ComplexityEstimatorArgs): number =>
    1 + itemsAtMost(args) * childComplexity;

export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  // Report through the validation context (a 400 with the message), rather than throwing (a 500).
  const report = {
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  };
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...report }) as unknown as ValidationRule,
    maxAliasesRule({ n: limits.maxAliases, ...report }) as unknown as ValidationRule,
  ];
}

/** Arguments that size a list: a page's `first`, a timeline's `interval`, `from` and `to`. */
const SIZING_ARGUMENTS = new Set(['first', 'interval', 'from', 'to']);

/**
 * What a document's cost depends on besides its text: the variables given to arguments that size a
 * list and to `@include`/`@skip` (which fields count). Other variables (a country code) cannot change it.
 */
function costVariablesOf(document: DocumentNode): string[] {
  const names = new Set<string>();
  const collect = (value: ValueNode) =>
    visit(value, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  visit(document, {
    Argument(argument) {
      if (SIZING_ARGUMENTS.has(argument.name.value)) collect(argument.value);
    },
    Directive(directive) {
      if (directive.name.value === 'include' || directive.name.value === 'skip') {
        for (const argument of directive.arguments ?? []) collect(argument.value);
      }
    },
  });
  return [...names].sort();
}

/** Costs already computed for one parsed document (Apollo hands the same object for the same text). */
interface DocumentCosts {
  costVariables: string[];
  byInputs: Map<string, number>;
}
const COSTS_KEPT_PER_DOCUMENT = 100;

/** What an operation costs, each document's shape costed once (see costVariablesOf). */
export type QueryCoster = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: unknown,
) => number;

export function queryCoster(): QueryCoster {
  // The same few documents arrive over and over with other codes or cursors: cost each shape once.
  const known = new WeakMap<DocumentNode, DocumentCosts>();
  return (schema, document, operationName, variables) => {
    let costs = known.get(document);
    if (!costs) {
      costs = { costVariables: costVariablesOf(document), byInputs: new Map() };
      known.set(document, costs);
    }
    const given = (variables ?? {}) as Record<string, unknown>;
    // Absent and null differ: an absent variable takes its default (`$first: Int = 100`), a null does not.
    const inputs = JSON.stringify([
      operationName ?? null,
      costs.costVariables.map((name) => (Object.hasOwn(given, name) ? [given[name] ?? null] : [])),
    ]);
    const cached = costs.byInputs.get(inputs);
    if (cached !== undefined) return cached;
    const cost = getComplexity({
      schema,
      operationName: operationName ?? undefined,
      query: document,
      variables: given,
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
    if (costs.byInputs.size < COSTS_KEPT_PER_DOCUMENT) costs.byInputs.set(inputs, cost);
    return cost;
  };
}

/** The cost of an operation, or the BAD_USER_INPUT error that refuses it (a bad variable, or over the limit). */
export function costOrRefusal(
  coster: QueryCoster,
  limits: QueryLimits,
  operation: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variables: unknown },
  spent = 0,
): number | GraphQLError {
  let cost: number;
  try {
    cost = coster(operation.schema, operation.document, operation.operationName, operation.variables);
  } catch (error) {
    // Costing coerces the variables first, so a bad variable surfaces here: it is the caller's mistake.
    return new GraphQLError((error as Error).message, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  if (spent + cost > limits.maxCost) {
    const batch = spent > 0 ? ` (with the batch's other operations: ${spent + cost})` : '';
    return new GraphQLError(
      `This query costs ${cost}${batch}, over the limit of ${limits.maxCost}: ask for smaller pages (first) or fewer nested lists`,
      { extensions: { code: 'BAD_USER_INPUT', cost, maxCost: limits.maxCost, http: { status: 400 } } },
    );
  }
  return cost;
}

/**
 * The cost limit is per HTTP request: the operations of a batch (each gets a shallow copy of one
 * context, so they share its `req`) share one budget, so a batch costs no more than one request may.
 */
export function queryCostPlugin(limits: QueryLimits): ApolloServerPlugin<GraphqlContext> {
  const coster = queryCoster();
  const spentBy = new WeakMap<object, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, contextValue }) {
          const spent = spentBy.get(contextValue.req) ?? 0;
          const cost = costOrRefusal(
            coster,
            limits,
            { schema, document, operationName: request.operationName, variables: request.variables },
            spent,
          );
          if (cost instanceof GraphQLError) throw cost;
          spentBy.set(contextValue.req, spent + cost);
        },
      };
    },
  };
}
