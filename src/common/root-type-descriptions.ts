import type { GraphQLSchema } from 'graphql';

/**
 * Code-first resolvers cannot describe the root types themselves, yet GraphiQL's docs open on them:
 * this gives Query, Mutation and Subscription the sentence a newcomer reads first (GraphQLModule's transformSchema).
 */
export function describeRootTypes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (query) {
    query.description =
      'Reads: coalitions, their rosters (now or on any past date), participants, and the audit log (admin keys only). Open to anonymous callers unless the registry requires a key for reads.';
  }
  const mutation = schema.getMutationType();
  if (mutation) {
    mutation.description =
      'Writes, for ADMIN API keys only. Each is one audited transaction; send an Idempotency-Key header to make a retry safe, and expectedVersion where asked, so a stale read is a CONFLICT rather than a lost update.';
  }
  const subscription = schema.getSubscriptionType();
  if (subscription) {
    subscription.description =
      'Live updates over WebSocket (graphql-ws, on /graphql): what each committed write changed, on any instance. Under the rules of reads; send an API key in connection_init\'s payload as {"authorization": "Bearer <key>"} where the registry requires one.';
  }
  return schema;
}
