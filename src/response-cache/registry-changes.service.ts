import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import {
  groupSubjects,
  noticeText,
  parseNotice,
  type ChangeSubject,
  type RegistryChangeNotice,
} from './registry-change-notice.js';

export const DATABASE_URL = Symbol('DATABASE_URL');
const CHANNEL = 'registry_changed';

/** Held from a change's position being drawn until its commit, so positions rise in commit order. */
const POSITION_LOCK = 1_764_480_000;

/**
 * Call inside a write's transaction, as its last statement (any process: the service, an import):
 * PostgreSQL sends the notice if, and when, the transaction commits. Returns the notice's id, for
 * `settle`. The lock serialises only the last moment of writes that change something, which
 * PostgreSQL's queue of notices serialises at commit anyway.
 */
export async function announceChange(manager: EntityManager, subjects: readonly ChangeSubject[]): Promise<string> {
  const id = randomUUID();
  await manager.query(`SELECT pg_advisory_xact_lock($1)`, [POSITION_LOCK]);
  const [{ position, at }]: Array<{ position: string; at: Date }> = await manager.query(
    `SELECT nextval('registry_change_position') AS position, clock_timestamp() AS at`,
  );
  const notice: RegistryChangeNotice = {
    id,
    position: Number(position),
    at: at.toISOString(),
    changes: groupSubjects(subjects),
  };
  await manager.query(`SELECT pg_notify($1, $2)`, [CHANNEL, noticeText(notice)]);
  return id;
}
const ECHO_TIMEOUT_MS = 2000;
const RECONNECT_MS = 1000;
/** Notices heard before anyone awaited them; enough for every write in flight at once. */
const EARLY_ECHOES_KEPT = 1000;

/**
 * Tells every instance on the database that the registry changed, with PostgreSQL LISTEN/NOTIFY (no
 * other infrastructure). A write announces inside its transaction, so the notice goes out exactly when
 * it commits; each instance bumps its `generation` on every notice, and caches keyed on it go stale.
 */
@Injectable()
export class RegistryChangesService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RegistryChangesService.name);
  private listener: pg.Client | undefined;
  private isClosing = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly awaitedEchoes = new Map<string, () => void>();
  /**
   * The notice and the COMMIT's answer reach us on two sockets, in either order: a notice that came
   * first is kept here, so its writer does not wait for an echo that has already been heard.
   */
  private readonly earlyEchoes = new Set<string>();
  private readonly subscribers: Array<() => void> = [];
  private readonly noticeListeners: Array<(notice: RegistryChangeNotice) => void> = [];
  /** Bumped on every change seen; a reader that saw another generation must not store its answer. */
  generation = 0;

  constructor(@Inject(DATABASE_URL) private readonly databaseUrl: string) {}

  async onModuleInit(): Promise<void> {
    await this.listen().catch((error: unknown) => this.retryLater(error));
  }

  async onApplicationShutdown(): Promise<void> {
    this.isClosing = true;
    clearTimeout(this.reconnectTimer);
    await this.listener?.end().catch(() => undefined);
  }

  /** While not listening, changes can be missed: nothing may be served from a cache. */
  get isListening(): boolean {
    return this.listener !== undefined;
  }

  onChange(subscriber: () => void): void {
    this.subscribers.push(subscriber);
  }

  /** Every change notice heard, this instance's own and every other's, in commit order. */
  onNotice(listener: (notice: RegistryChangeNotice) => void): void {
    this.noticeListeners.push(listener);
  }

  /**
   * After the commit: forget this instance's answers now, and wait until our own notice comes back,
   * by which time PostgreSQL has sent it to every other instance too.
   */
  async settle(id: string): Promise<void> {
    this.changed();
    if (!this.listener || this.earlyEchoes.delete(id)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.awaitedEchoes.delete(id);
        resolve();
      }, ECHO_TIMEOUT_MS);
      this.awaitedEchoes.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private changed(): void {
    this.generation += 1;
    for (const subscriber of this.subscribers) subscriber();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.databaseUrl,
      application_name: 'coalition-registry:listener',
    });
    client.on('notification', (message) => {
      this.changed();
      const notice = parseNotice(message.payload);
      if (notice) for (const listener of this.noticeListeners) listener(notice);
      const id = notice?.id ?? message.payload;
      if (!id) return;
      const echo = this.awaitedEchoes.get(id);
      if (echo) {
        this.awaitedEchoes.delete(id);
        echo();
        return;
      }
      // Another instance's notice, or ours before its writer asks: keep a bounded number, oldest out first.
      this.earlyEchoes.add(id);
      if (this.earlyEchoes.size > EARLY_ECHOES_KEPT) this.earlyEchoes.delete(this.earlyEchoes.values().next().value!);
    });
    client.on('error', (error) => this.retryLater(error));
    client.on('end', () => this.retryLater(new Error('listener connection ended')));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
    // Notices sent while we were not listening are lost: treat the gap as a change.
    this.changed();
  }

  private retryLater(error: unknown): void {
    if (this.isClosing) return;
    if (this.listener) {
      this.listener.removeAllListeners();
      this.listener.end().catch(() => undefined);
      this.listener = undefined;
      this.logger.warn(
        `Change listener lost (${error instanceof Error ? error.message : String(error)}); reconnecting`,
      );
    }
    this.changed();
    if (this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (!this.isClosing && !this.listener) this.listen().catch((next: unknown) => this.retryLater(next));
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }
}
