import { getNamedType, isObjectType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '../common/selection-look-ahead.js';
import type { Membership } from './membership.model.js';

/**
 * A page of memberships answers the Membership fields below it in its own SQL statement, the JSON
 * built by PostgreSQL, when a feature offers that field here: Node then reads and serialises what is
 * already there instead of running a resolver, a loader and a statement per relation (the profile of
 * the nested page: most of its server time was that JavaScript, not PostgreSQL). The field's
 * resolver reads the value with `embeddedValue` and keeps its loader for every other path.
 */
export interface EmbeddableField {
  /** The Membership field it answers, e.g. `history`. */
  field: string;
  /**
   * The SQL of the field's value as JSON, for the membership whose id is the SQL `membershipId`
   * (`$2` is the page's asOf date, or null); `param` adds a parameter and returns its placeholder.
   * null when the arguments are better left to the resolver (e.g. invalid: it reports the error).
   */
  jsonSql(selection: EmbeddedSelection): ((membershipId: string, param: (value: unknown) => string) => string) | null;
  /** The resolver's value from that JSON. */
  fromJson(json: unknown): unknown;
}

export interface EmbeddedSelection {
  /** The field's arguments, defaults applied, variables substituted. */
  args: Record<string, unknown>;
  /** The names selected directly under the field, through fragments. */
  subfields: ReadonlySet<string>;
}

export interface PlannedEmbed {
  responseKey: string;
  sql: (membershipId: string, param: (value: unknown) => string) => string;
  fromJson(json: unknown): unknown;
}

/**
 * A bound on the fields one page embeds: every combination is a statement text PostgreSQL prepares
 * per connection, so aliases must not multiply them without end. Beyond it, loaders answer.
 */
const MAX_EMBEDDED_FIELDS = 4;

/** Which fields of the memberships below a `MembershipConnection` field its page statement answers. */
export function planEmbeds(info: GraphQLResolveInfo, embeddable: ReadonlyMap<string, EmbeddableField>): PlannedEmbed[] {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return [];
  const { nodes, edges } = connection.getFields();
  const membership = nodes && getNamedType(nodes.type);
  const edge = edges && getNamedType(edges.type);
  if (!isObjectType(membership) || !isObjectType(edge)) return [];

  const asked = selectedFields(
    info,
    connection,
    info.fieldNodes.map((node) => node.selectionSet),
  );
  const nodeSelections = [
    ...asked.filter((field) => field.name === 'nodes').flatMap((field) => field.selectionSets),
    ...asked
      .filter((field) => field.name === 'edges')
      .flatMap((field) => selectedFields(info, edge, field.selectionSets))
      .filter((field) => field.name === 'node')
      .flatMap((field) => field.selectionSets),
  ];
  const plans: PlannedEmbed[] = [];
  for (const field of selectedFields(info, membership, nodeSelections)) {
    const offered = embeddable.get(field.name);
    if (!offered || field.args === null || plans.length === MAX_EMBEDDED_FIELDS) continue;
    const subfields = new Set(subfieldNames(info, membership, field.name, field.selectionSets));
    const sql = offered.jsonSql({ args: field.args, subfields });
    if (sql) plans.push({ responseKey: field.responseKey, sql, fromJson: offered.fromJson });
  }
  return plans;
}

function subfieldNames(
  info: GraphQLResolveInfo,
  parent: GraphQLObjectType,
  field: string,
  selectionSets: Parameters<typeof selectedFields>[2],
): string[] {
  const type = getNamedType(parent.getFields()[field]?.type);
  return isObjectType(type) ? selectedFields(info, type, selectionSets).map((selected) => selected.name) : [];
}

/** The value the page statement read for this field of `membership`, if it did. */
export function embeddedValue<T>(membership: Membership, info: GraphQLResolveInfo): T | undefined {
  return membership.embedded?.get(String(info.path.key)) as T | undefined;
}
