/**
 * One JSON value of a statement, as a field (key) of the object Node reads and the SQL of its value;
 * `read` turns what PostgreSQL sent into the value Node wants (a nested tuple or list of them).
 */
export interface JsonField {
  key: string;
  sql: string;
  read?: (value: unknown) => unknown;
}

/**
 * An object a statement builds in PostgreSQL and sends without its keys: `json_build_array` of the
 * values, the keys kept here and put back by `read`. PostgreSQL writes and escapes every key of every
 * object it builds: on the nested page (fifty memberships, their histories and commitments) sending
 * arrays took a quarter off its CPU per statement (0.98 -> 0.74 ms) and a third off the JSON Node
 * parses (README, "The uncached engine"). PostGraphile sends its rows as arrays for the same reason.
 */
export class JsonTuple {
  /** The `json_build_array(...)` of the fields' values, in the fields' order. */
  readonly sql: string;
  private readonly keys: readonly string[];
  private readonly readers: ReadonlyArray<((value: unknown) => unknown) | undefined>;

  constructor(fields: readonly JsonField[]) {
    this.sql = `json_build_array(${fields.map((field) => field.sql).join(', ')})`;
    this.keys = fields.map((field) => field.key);
    this.readers = fields.map((field) => field.read);
  }

  /** The object of one tuple PostgreSQL sent (null stays null: an absent row of an outer join). */
  read(tuple: unknown): Record<string, unknown> | null {
    if (tuple === null || tuple === undefined) return null;
    const values = tuple as unknown[];
    const object: Record<string, unknown> = {};
    for (let index = 0; index < this.keys.length; index++) {
      const read = this.readers[index];
      object[this.keys[index]!] = read ? read(values[index]) : values[index];
    }
    return object;
  }

  /** The objects of a JSON array of tuples (a `json_agg` of `sql`). */
  readList(tuples: unknown): Array<Record<string, unknown>> {
    return ((tuples ?? []) as unknown[]).map((tuple) => this.read(tuple)!);
  }
}

/** The `json_build_object(...)` of the fields, for a statement whose JSON Node reads as it comes. */
export function jsonObjectSql(fields: readonly JsonField[]): string {
  return `json_build_object(${fields.map((field) => `'${field.key}', ${field.sql}`).join(', ')})`;
}

/** Fields named by key, each the SQL of its value (`{ id: 'e.id' }`), in the order written. */
export function jsonFields(sqlByKey: Readonly<Record<string, string>>): JsonField[] {
  return Object.entries(sqlByKey).map(([key, sql]) => ({ key, sql }));
}

/**
 * A projection's table: per GraphQL field, the JSON values reading it takes (key -> SQL, in order;
 * none for a field that reads nothing, e.g. `__typename`). `jsonFields` turns an entry into fields.
 */
export type JsonTable = Readonly<Record<string, Readonly<Record<string, string>>>>;
