import type { GraphQLSchema } from 'graphql';

/**
 * Code-first resolvers cannot describe the root types themselves, yet GraphiQL's docs open on them:
 * this gives Query and Mutation the sentence a newcomer reads first (GraphQLModule's transformSchema).
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
  return schema;
}
