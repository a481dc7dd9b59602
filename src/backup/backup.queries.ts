import type pg from 'pg';
import type { CatalogTable } from './table-order.js';

/**
 * The backup feature's SQL: what the catalog says about the registry's schema (the tables of the
 * current schema, which is where the migrations create them), and the statements around COPY.
 */

/**
 * What COPY's text depends on, set alike by the backup and the restore (pg_dump sets the same):
 * encoding, date and interval styles, a fixed time zone, exact floats; no timeouts for a long copy.
 */
export async function useCopySettings(client: pg.ClientBase): Promise<void> {
  await client.query(`
    SET client_encoding = 'UTF8'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'postgres'; SET TimeZone = 'UTC';
    SET extra_float_digits = 3; SET statement_timeout = 0; SET lock_timeout = 0; SET idle_in_transaction_session_timeout = 0`);
}

/**
 * TypeORM's migrations bookkeeping (its default name). A backup lists its rows in the manifest rather
 * than copying them: a restore recreates them by running those same migrations.
 */
const MIGRATIONS_TABLE = 'migrations';

export const quoted = (client: pg.ClientBase, name: string): string => client.escapeIdentifier(name);

const columnList = (client: pg.ClientBase, columns: string[]) =>
  columns.map((column) => quoted(client, column)).join(', ');

export const copyOutSql = (client: pg.ClientBase, table: string, columns: string[]): string =>
  `COPY ${quoted(client, table)} (${columnList(client, columns)}) TO STDOUT`;

export const copyInSql = (client: pg.ClientBase, table: string, columns: string[]): string =>
  `COPY ${quoted(client, table)} (${columnList(client, columns)}) FROM STDIN`;

/** Rows of objects an extension owns (PostGIS's spatial_ref_sys...) are the extension's, not ours. */
const NOT_FROM_AN_EXTENSION = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`;

/** The registry's tables (not the migrations bookkeeping), with the columns COPY can write and their foreign keys. */
export async function registryTables(client: pg.ClientBase): Promise<CatalogTable[]> {
  const { rows } = await client.query<CatalogTable>(
    `SELECT c.relname::text AS name,
            ARRAY(SELECT a.attname::text FROM pg_attribute a
                  WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
                  ORDER BY a.attnum) AS columns,
            ARRAY(SELECT DISTINCT r.relname::text FROM pg_constraint f JOIN pg_class r ON r.oid = f.confrelid
                  WHERE f.conrelid = c.oid AND f.contype = 'f') AS "references"
     FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname <> $1
       AND ${NOT_FROM_AN_EXTENSION}
     ORDER BY c.relname`,
    [MIGRATIONS_TABLE],
  );
  return rows;
}

/** The migrations applied to this database, in the order they ran; undefined when it was never migrated. */
export async function appliedMigrations(client: pg.ClientBase): Promise<string[] | undefined> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass(format('%I', $1::text)) IS NOT NULL AS exists`,
    [MIGRATIONS_TABLE],
  );
  if (!rows[0]!.exists) return undefined;
  const applied = await client.query<{ name: string }>(
    `SELECT name FROM ${quoted(client, MIGRATIONS_TABLE)} ORDER BY id`,
  );
  return applied.rows.map((row) => row.name);
}

/**
 * The dataset revision the database holds (what `Query.datasetRevision` answers), read in the backup's
 * own snapshot; null for a schema from before revisions were tracked (no dataset_revision table).
 */
export async function heldDatasetRevision(client: pg.ClientBase): Promise<number | null> {
  const { rows } = await client.query<{ exists: boolean }>(
    `SELECT to_regclass('dataset_revision') IS NOT NULL AS exists`,
  );
  if (!rows[0]!.exists) return null;
  const held = await client.query<{ revision: number }>(
    `SELECT coalesce(max(revision), 0)::int AS revision FROM dataset_revision`,
  );
  return held.rows[0]!.revision;
}

export async function rowCount(client: pg.ClientBase, table: string): Promise<number> {
  const { rows } = await client.query<{ count: string }>(`SELECT count(*) AS count FROM ${quoted(client, table)}`);
  return Number(rows[0]!.count);
}

/** Something in the target's schema that a restore would have to replace. */
export interface SchemaObject {
  name: string;
  kind: 'TABLE' | 'VIEW' | 'MATERIALIZED VIEW' | 'SEQUENCE' | 'FOREIGN TABLE' | 'FUNCTION';
}

/**
 * Every table, view, sequence and function in the current schema, except what an extension owns and the
 * sequences that belong to a table's identity or serial column (they go with the table). A function is
 * named with its argument types (`name(int)`), as DROP FUNCTION needs it.
 */
export async function schemaObjects(client: pg.ClientBase): Promise<SchemaObject[]> {
  const { rows } = await client.query<SchemaObject>(
    `SELECT c.relname::text AS name,
            CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'TABLE' WHEN 'v' THEN 'VIEW'
                           WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'FOREIGN TABLE' END AS kind
     FROM pg_class c
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
       AND NOT c.relispartition AND ${NOT_FROM_AN_EXTENSION}
       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                            AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
     UNION ALL
     SELECT p.oid::regprocedure::text, 'FUNCTION'
     FROM pg_proc p
     WHERE p.pronamespace = current_schema()::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
     ORDER BY 1`,
  );
  return rows;
}

/** Drops the objects (inside the caller's transaction: a failed restore brings them back). */
export async function dropSchemaObjects(client: pg.ClientBase, objects: SchemaObject[]): Promise<void> {
  // Tables before functions: dropping a table drops its triggers, which depend on their functions.
  for (const kind of ['VIEW', 'MATERIALIZED VIEW', 'FOREIGN TABLE', 'TABLE', 'SEQUENCE', 'FUNCTION'] as const) {
    const names = objects
      .filter((object) => object.kind === kind)
      // A function's name comes already quoted, with its argument types, from regprocedure.
      .map((object) => (kind === 'FUNCTION' ? object.name : quoted(client, object.name)));
    if (names.length > 0) await client.query(`DROP ${kind} IF EXISTS ${names.join(', ')} CASCADE`);
  }
}

/**
 * Empties the tables the file fills: a migration may have written rows of its own (a policy or reference
 * row) that the file also holds, and the file's copy is the one to keep.
 */
export async function emptyTables(client: pg.ClientBase, tables: string[]): Promise<void> {
  if (tables.length > 0) await client.query(`TRUNCATE ${tables.map((table) => quoted(client, table)).join(', ')}`);
}

/**
 * After COPY, every identity and serial column's sequence continues after the largest value restored
 * (COPY writes the values but does not move the sequences), or starts afresh on an empty table.
 */
export async function continueSequences(client: pg.ClientBase, tables: string[]): Promise<number> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `SELECT c.relname::text AS "table", a.attname::text AS "column",
            pg_get_serial_sequence(format('%I.%I', current_schema(), c.relname), a.attname) AS sequence
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1::text[])
       AND a.attnum > 0 AND NOT a.attisdropped
       AND pg_get_serial_sequence(format('%I.%I', current_schema(), c.relname), a.attname) IS NOT NULL`,
    [tables],
  );
  for (const { table, column, sequence } of rows) {
    const value = quoted(client, column);
    await client.query(
      `SELECT setval($1::regclass, COALESCE(max(${value}), (SELECT seqstart FROM pg_sequence WHERE seqrelid = $1::regclass)),
                     max(${value}) IS NOT NULL)
       FROM ${quoted(client, table)}`,
      [sequence],
    );
  }
  return rows.length;
}

/**
 * Sessions of a running service (or one of its CLIs) on this database, by the application names they
 * set (src/database/data-source.options.ts, the response cache's listener). A restore never writes
 * under a running service: its cache and open transactions would straddle the old and the new data.
 */
export async function serviceSessions(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid()
       AND (application_name = 'coalition-registry' OR application_name LIKE 'coalition-registry:%')`,
  );
  return rows[0]!.count;
}
