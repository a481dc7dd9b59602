import {
  getNamedType,
  isAbstractType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { selectedFields, type LookedAheadField } from '../common/selection-look-ahead.js';
import type { ParticipantView } from '../participants/participant.model.js';
import type { Membership } from './membership.model.js';

/**
 * A page of memberships answers the Membership fields below it in its own SQL statement, the JSON
 * built by PostgreSQL, when a feature offers that field here: Node then reads and serialises what is
 * already there instead of running a resolver, a loader and a statement per relation (the profile of
 * the nested page: most of its server time was that JavaScript, not PostgreSQL). readEmbeddedFirst
 * hands the value to GraphQL; the field's resolver and its loader answer every other path.
 */
export interface EmbeddableField {
  /** The Membership field it answers, e.g. `history`. */
  field: string;
  /**
   * How a statement reads the field's value for the `selection` asked: null when the arguments are
   * better left to the resolver (e.g. invalid: it reports the error). Absent for a field the page's
   * own row answers (its participant).
   */
  jsonSql?(selection: EmbeddedSelection): EmbeddedJson | null;
  /** The resolver's value of a field the page's own row answers, from what the page read with it. */
  fromRead?(read: PageRead): unknown;
}

/** The SQL of an embedded field's value as JSON, and how that JSON becomes the resolver's value. */
export interface EmbeddedJson {
  /**
   * For the membership whose id is the SQL `membershipId` (`$2` is the asOf date, or null); `param`
   * adds a parameter and returns its placeholder.
   */
  sql(membershipId: string, param: (value: unknown) => string): string;
  fromJson(json: unknown): unknown;
}

/** What a page's statement reads with each membership, besides the fields it embeds. */
export interface PageRead {
  /** Absent where the statement does not join it (a lookup) or nobody asked for it. */
  participant?: ParticipantView;
}

export interface EmbeddedSelection {
  /** The field's arguments, defaults applied, variables substituted. */
  args: Record<string, unknown>;
  /** The names selected directly under the field, through fragments. */
  subfields: ReadonlySet<string>;
  /** The names selected under one of those subfields (e.g. a history's `sources`), through fragments. */
  namesUnder(subfield: string): ReadonlySet<string>;
}

export interface PlannedEmbed {
  responseKey: string;
  /** Absent when the page's row answers the field. */
  sql?: EmbeddedJson['sql'];
  /** The resolver's value from the JSON `sql` read (undefined without it) and what the page read with the membership. */
  fromJson(json: unknown, read: PageRead): unknown;
}

/**
 * A bound on the fields one page embeds through SQL: every combination is a statement text PostgreSQL prepares
 * per connection, so aliases must not multiply them without end. Beyond it, loaders answer.
 */
const MAX_EMBEDDED_FIELDS = 4;

/**
 * What a page's statement must read for the query below a `MembershipConnection` field: the fields it
 * embeds, and which fields of the memberships and of their participants are asked at all, so that it
 * reads no column nobody asked for (PostGraphile's way; the nested page's JSON was five times its answer).
 */
export interface PagePlan {
  embeds: PlannedEmbed[];
  /** The Membership fields selected under `nodes` and `edges { node }`, through fragments. */
  membershipFields: ReadonlySet<string>;
  /** The fields selected on the memberships' participant, over every participant type; empty if not asked. */
  participantFields: ReadonlySet<string>;
}

/** A plan for a page read outside a query (a download): every column, nothing embedded. */
export const WHOLE_ROWS: PagePlan = { embeds: [], membershipFields: new Set(['*']), participantFields: new Set(['*']) };

export function planPage(info: GraphQLResolveInfo, embeddable: ReadonlyMap<string, EmbeddableField>): PagePlan {
  const connection = getNamedType(info.returnType);
  if (!isObjectType(connection)) return WHOLE_ROWS;
  const { nodes, edges } = connection.getFields();
  const membership = nodes && getNamedType(nodes.type);
  const edge = edges && getNamedType(edges.type);
  if (!isObjectType(membership) || !isObjectType(edge)) return WHOLE_ROWS;

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
  const membershipSelected = selectedFields(info, membership, nodeSelections);
  const plans = planEmbeds(info, membership, membershipSelected, embeddable);
  const participantSelections = membershipSelected
    .filter((field) => field.name === 'participant')
    .flatMap((field) => field.selectionSets);
  return {
    embeds: plans,
    membershipFields: new Set(membershipSelected.map((field) => field.name)),
    participantFields: new Set(
      possibleObjectTypes(info, membership, 'participant').flatMap((type) =>
        selectedFields(info, type, participantSelections).map((field) => field.name),
      ),
    ),
  };
}

/** The object types a field of `parent` can return (each type of an interface, or the type itself). */
function possibleObjectTypes(info: GraphQLResolveInfo, parent: GraphQLObjectType, field: string): GraphQLObjectType[] {
  const type = getNamedType(parent.getFields()[field]?.type);
  if (isObjectType(type)) return [type];
  return isAbstractType(type) ? [...info.schema.getPossibleTypes(type)] : [];
}

/**
 * The fields of one membership (the diplomat's lookup, the `membership` root field) its statement
 * answers: those read by SQL (its participant is not joined there).
 */
export function planLookup(info: GraphQLResolveInfo, embeddable: ReadonlyMap<string, EmbeddableField>): PlannedEmbed[] {
  const membership = getNamedType(info.returnType);
  if (!isObjectType(membership)) return [];
  const selected = selectedFields(
    info,
    membership,
    info.fieldNodes.map((node) => node.selectionSet),
  );
  return planEmbeds(info, membership, selected, embeddable).filter((plan) => plan.sql);
}

/** Which of the `selected` Membership fields a statement embeds, at most MAX_EMBEDDED_FIELDS through SQL. */
function planEmbeds(
  info: GraphQLResolveInfo,
  membership: GraphQLObjectType,
  selected: ReturnType<typeof selectedFields>,
  embeddable: ReadonlyMap<string, EmbeddableField>,
): PlannedEmbed[] {
  const plans: PlannedEmbed[] = [];
  for (const field of selected) {
    const offered = embeddable.get(field.name);
    if (!offered || field.args === null) continue;
    if (!offered.jsonSql) {
      const fromRead = offered.fromRead;
      if (fromRead) plans.push({ responseKey: field.responseKey, fromJson: (_json, read) => fromRead(read) });
      continue;
    }
    if (plans.filter((plan) => plan.sql).length === MAX_EMBEDDED_FIELDS) continue;
    const subfields = new Set(subfieldNames(info, membership, field.name, field.selectionSets));
    const namesUnder = (subfield: string) => new Set(namesTwoLevelsDown(info, membership, field, subfield));
    const json = offered.jsonSql({ args: field.args, subfields, namesUnder });
    if (json) plans.push({ responseKey: field.responseKey, sql: json.sql, fromJson: json.fromJson });
  }
  return plans;
}

/** The names selected under `subfield` of the object `field` (of `parent`) returns. */
function namesTwoLevelsDown(
  info: GraphQLResolveInfo,
  parent: GraphQLObjectType,
  field: LookedAheadField,
  subfield: string,
): string[] {
  const type = getNamedType(parent.getFields()[field.name]?.type);
  if (!isObjectType(type)) return [];
  const under = selectedFields(info, type, field.selectionSets).filter((selected) => selected.name === subfield);
  return subfieldNames(
    info,
    type,
    subfield,
    under.flatMap((selected) => selected.selectionSets),
  );
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

/**
 * Membership's resolved fields first read what a page's statement embedded, before Nest's resolver
 * machinery (parameter factories, pipes, the context creator) runs for them: on the nested page that
 * machinery cost about a tenth of the server's time, for three fields of fifty memberships. The
 * resolvers still answer every field not embedded (a lookup, a commitment's membership, an alias past
 * the bound). For GraphQLModule's transformSchema.
 */
export function readEmbeddedFirst(schema: GraphQLSchema): GraphQLSchema {
  const membership = schema.getType('Membership');
  if (!isObjectType(membership)) return schema;
  for (const field of Object.values(membership.getFields())) {
    const resolve = field.resolve;
    if (!resolve) continue;
    field.resolve = (source: Membership, args, context, info) => {
      const embedded = source.embedded?.get(String(info.path.key));
      return embedded !== undefined ? embedded : resolve(source, args, context, info);
    };
  }
  return schema;
}
