/** A table as the catalog describes it: its columns and the tables its foreign keys point at. */
export interface CatalogTable {
  name: string;
  columns: string[];
  references: string[];
}

/**
 * The order a restore loads tables in: each after every table it references (foreign keys are
 * checked row by row as COPY loads). Ties go alphabetically, so one schema always gives one order.
 * References to tables outside the list, and a table's references to itself, do not constrain it.
 */
export function loadOrder(tables: CatalogTable[]): CatalogTable[] {
  const names = new Set(tables.map((table) => table.name));
  const waitingOn = new Map(
    tables.map((table) => [
      table.name,
      new Set(table.references.filter((name) => name !== table.name && names.has(name))),
    ]),
  );
  const byName = new Map(tables.map((table) => [table.name, table]));
  const ordered: CatalogTable[] = [];
  while (waitingOn.size > 0) {
    const ready = [...waitingOn].filter(([, needs]) => needs.size === 0).map(([name]) => name);
    if (ready.length === 0) {
      throw new Error(
        `Tables ${[...waitingOn.keys()].sort().join(', ')} reference each other in a cycle: no load order exists.`,
      );
    }
    const next = ready.sort()[0]!;
    ordered.push(byName.get(next)!);
    waitingOn.delete(next);
    for (const needs of waitingOn.values()) needs.delete(next);
  }
  return ordered;
}

/** The first table of `order` that comes before a table it references, if any. */
export function firstOutOfOrder(order: string[], tables: CatalogTable[]): string | undefined {
  const position = new Map(order.map((name, index) => [name, index]));
  return tables.find((table) =>
    table.references.some(
      (name) => name !== table.name && position.has(name) && position.get(name)! > position.get(table.name)!,
    ),
  )?.name;
}
