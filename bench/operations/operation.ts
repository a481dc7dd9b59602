import type { ApiName, OperationName } from '../bench-options.js';

/** What the dataset offers to ask about, read from the database before the runs. */
export interface DatasetFacts {
  /** The coalitions questions rotate over: the bench ones, or the seed's at scale 0. */
  coalitions: string[];
  /** Codes of participants that are members of those coalitions. */
  participantCodes: string[];
  /** Regions with enough countries for a second page of committed members. */
  largeRegions: string[];
  /** Every participant region, null (organisations) included. */
  regions: Array<string | null>;
}

/** One HTTP request as autocannon sends it: POST to a path on the system, with a JSON body. */
export interface PreparedRequest {
  path: string;
  body: string;
}

/** Sends a request to the system under preparation and returns its parsed JSON answer. */
export type Ask = (request: PreparedRequest) => Promise<Json>;

/**
 * A response of one of three systems, each with its own shape, reduced by `normalize` and then
 * compared: typing every shape would say nothing the comparison does not check.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface Operation<Question> {
  name: OperationName;
  /** The questions a run rotates over (autocannon's setupRequest takes the next one per request). */
  questions(facts: DatasetFacts): Question[];
  /** The request for one question; may ask the system first (a cursor must come from the system). */
  request(system: ApiName, question: Question, ask: Ask): Promise<PreparedRequest>;
  /** The answer reduced to what every system must agree on. */
  normalize(system: ApiName, response: Json, question: Question): unknown;
}

export function graphqlRequest(query: string, variables: Record<string, unknown>): PreparedRequest {
  return { path: '/graphql', body: JSON.stringify({ query, variables }) };
}

export function bareRequest(operation: OperationName, variables: Record<string, unknown>): PreparedRequest {
  return { path: `/${operation}`, body: JSON.stringify(variables) };
}

/** The `data` of a GraphQL response; its errors, if any, fail the answer check. */
export function dataOf(response: Json): Json {
  if (response?.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.errors).slice(0, 500)}`);
  return response.data;
}
