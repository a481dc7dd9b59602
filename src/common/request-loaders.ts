import DataLoader from 'dataloader';

/**
 * The DataLoaders of one GraphQL request, created lazily by name. Living in the request's context
 * (not in request-scoped providers) keeps every resolver a singleton, and batches every relation
 * field of a page into one query per relation.
 */
export class RequestLoaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<Key, Value>(
    name: string,
    batch: (keys: readonly Key[]) => Promise<Array<Value | Error>>,
  ): DataLoader<Key, Value> {
    let loader = this.loaders.get(name) as DataLoader<Key, Value> | undefined;
    if (!loader) {
      loader = new DataLoader<Key, Value>(batch, { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** Groups rows by a key, in the order of `keys`: the usual shape of a one-to-many DataLoader batch. */
export function groupInOrder<Key, Row>(keys: readonly Key[], rows: Row[], keyOf: (row: Row) => Key): Row[][] {
  const groups = new Map<Key, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}
