import type {
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from '@apollo/server-gateway-interface';
import {
  execute,
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * Executes each operation with graphql-jit: a query document is compiled once into JavaScript that
 * completes its fields with plain property reads, instead of graphql-js walking the selection and
 * checking every field's type on every request. The profile of the uncached nested page put
 * graphql-js's completion at about a tenth of the server's time (README, "The uncached engine").
 *
 * Apollo Server 5 has no executor option: its gateway interface is the one way to hand it an
 * executor, and Apollo still parses, validates, resolves the operation and runs every plugin before
 * calling it. A document graphql-jit cannot compile runs on graphql-js, so no query loses an answer.
 * The live socket (graphql-ws) keeps graphql-js: subscriptions are not on the hot path.
 */
export class CompiledExecutor implements GatewayInterface {
  private schema: GraphQLSchema | null = null;
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  /**
   * Apollo keeps one parsed DocumentNode per distinct query text (its bounded document store), so the
   * compiled query lives exactly as long as that document does.
   */
  private readonly compiled = new WeakMap<DocumentNode, Map<string | null, CompiledQuery | null>>();

  /** The schema Nest built (after transformSchema); set once, before Apollo starts. */
  useSchema(schema: GraphQLSchema): GraphQLSchema {
    this.schema = schema;
    return schema;
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): () => void {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  async load(): Promise<{ executor: GatewayExecutor }> {
    const schema = this.schemaOrThrow();
    for (const listener of this.listeners) listener({ apiSchema: schema, coreSupergraphSdl: '' });
    return { executor: (request) => this.execute(request) };
  }

  async stop(): Promise<void> {
    this.listeners.clear();
  }

  private async execute(request: GatewayGraphQLRequestContext): Promise<ExecutionResult> {
    const schema = this.schemaOrThrow();
    // Without an operation (an unknown operationName), graphql-js writes the error Apollo expects.
    const compiled = request.operation ? this.compiledQueryOf(schema, request.document, request.operationName) : null;
    if (compiled === null) {
      return execute({
        schema,
        document: request.document,
        contextValue: request.context,
        variableValues: request.request.variables,
        // The name the client asked for: Apollo's own is null when no operation has it.
        operationName: request.request.operationName,
      });
    }
    // graphql-js coerces the variables, so a bad value gets graphql-js's error (with the node Apollo
    // reads to call it BAD_USER_INPUT), and defaults apply as graphql-js applies them (graphql-jit
    // 0.8 wants a non-null input field with a default). graphql-jit then coerces the coerced values
    // again, which changes nothing for this schema: every enum's value is its name, and Date,
    // DateTime and the built-in scalars read their own output back as it is.
    const coerced = getVariableValues(
      schema,
      request.operation.variableDefinitions ?? [],
      request.request.variables ?? {},
    );
    if (coerced.errors) return { errors: coerced.errors };
    const result = await compiled.query(undefined, request.context, coerced.coerced);
    return result.errors ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  }

  private compiledQueryOf(schema: GraphQLSchema, document: DocumentNode, operationName: string | null) {
    let byOperation = this.compiled.get(document);
    if (!byOperation) {
      byOperation = new Map();
      this.compiled.set(document, byOperation);
    }
    let compiled = byOperation.get(operationName);
    if (compiled === undefined) {
      const result = compileQuery(schema, document, operationName ?? undefined);
      compiled = isCompiledQuery(result) ? result : null;
      byOperation.set(operationName, compiled);
    }
    return compiled;
  }

  private schemaOrThrow(): GraphQLSchema {
    if (!this.schema) throw new Error('CompiledExecutor: the schema was not handed over before Apollo started');
    return this.schema;
  }
}

/**
 * graphql-jit's errors are its own objects: `extensions` is left undefined (and cannot be set) when
 * the thrown error has none, where graphql-js always sets an object, and Apollo's error formatting
 * reads `extensions.code`. Each becomes the graphql-js error graphql-js would have made.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? {},
  });
  // graphql-jit names the places in the query without its AST nodes: carried over as they are.
  (converted as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}
