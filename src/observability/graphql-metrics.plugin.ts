import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { Plugin } from '@nestjs/apollo';
import type { GraphqlContext } from '../common/graphql-context.js';
import { MetricsService } from './metrics.service.js';

/** Counts GraphQL operations and the codes of the errors clients were sent. */
@Plugin()
export class GraphqlMetricsPlugin implements ApolloServerPlugin<GraphqlContext> {
  constructor(private readonly metrics: MetricsService) {}

  async requestDidStart(): Promise<GraphQLRequestListener<GraphqlContext>> {
    const { graphqlOperations, graphqlErrors } = this.metrics;
    return {
      async willSendResponse({ response, operation }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors ?? [];
        graphqlOperations.inc({
          operation_type: operation?.operation ?? 'unknown',
          outcome: errors.length > 0 ? 'error' : 'success',
        });
        for (const error of errors) graphqlErrors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
      },
    };
  }
}
