import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

/**
 * Nest's code-first schema gives every `@Field` property a resolver of its own, a closure that reads
 * `root[property]` (or the field's defaultValue). graphql-js barely notices, but graphql-jit compiles a
 * call per field per object for it: a path, a resolve info and three closures each time. On the nested
 * page that is some 400 calls per request for fields that are plain reads (status, statusSince, a
 * participant's code and name, every history and commitment field), and the largest share of its
 * allocations. Without a resolver, both executors read the property themselves.
 *
 * A field keeps its resolver unless it is exactly that read: its resolver is one of Nest's property
 * readers (the same function text as the one `reference` has, a field known to be a plain property),
 * it reads the property the field is named after, and it has no default value to put in for undefined.
 * Nest's property readers have no side effects, so probing them is safe; no other resolver is called.
 * For GraphQLModule's transformSchema (test/compiled-executor.e2e.spec.ts pins the hot fields).
 */
export function readPlainFieldsDirectly(
  schema: GraphQLSchema,
  reference: { type: string; field: string },
): GraphQLSchema {
  const referenceType = schema.getType(reference.type);
  const referenceResolver = isObjectType(referenceType)
    ? referenceType.getFields()[reference.field]?.resolve
    : undefined;
  if (!referenceResolver || !isPropertyReader(referenceResolver, reference.field)) {
    // Nest changed how it reads properties: every field keeps its resolver (slower, still right).
    return schema;
  }
  const readerText = referenceResolver.toString();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve;
      if (resolve && resolve.toString() === readerText && isPropertyReader(resolve, field.name)) {
        field.resolve = undefined;
      }
    }
  }
  return schema;
}

const PROBE = Symbol('probe');

/**
 * Reads `name` as it is, and gives undefined (no default value) when it is absent. Nest's reader takes
 * the source alone: a resolver taking more is never called here.
 */
function isPropertyReader(resolve: GraphQLFieldResolver<unknown, unknown>, name: string): boolean {
  if (resolve.length > 1) return false;
  const call = resolve as (source: Record<string, unknown>) => unknown;
  try {
    return call({ [name]: PROBE }) === PROBE && call({}) === undefined;
  } catch {
    return false;
  }
}
