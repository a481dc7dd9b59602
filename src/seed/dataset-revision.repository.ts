import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface SkippedItem {
  item: string;
  reason: string;
}

/** The dataset_revision table: which revisions of the dataset this database has received. */
@Injectable()
export class DatasetRevisionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The highest revision received (0 for none), in the caller's transaction or on its own. */
  async latest(manager: EntityManager = this.db.manager): Promise<number> {
    const [row]: Array<{ revision: number }> = await manager.query(
      `SELECT coalesce(max(revision), 0)::int AS revision FROM dataset_revision`,
    );
    return row.revision;
  }

  async record(
    manager: EntityManager,
    revision: { revision: number; appliedItems: number; skippedItems: SkippedItem[] },
  ): Promise<void> {
    await manager.query(`INSERT INTO dataset_revision (revision, applied_items, skipped_items) VALUES ($1, $2, $3)`, [
      revision.revision,
      revision.appliedItems,
      JSON.stringify(revision.skippedItems),
    ]);
  }
}
