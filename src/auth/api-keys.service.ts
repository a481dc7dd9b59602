import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull } from 'typeorm';
import type { Actor } from '../audit/actor.js';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { AlreadyExists, InvalidInput, NotFound, Unauthenticated } from '../common/domain-errors.js';
import { INPUT_LIMITS } from '../common/input-rules.js';
import type { Caller, RequestLike, Role } from '../common/graphql-context.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { generateKey, hashKey, isKeyOf, prefixOf } from './api-key-secret.js';

/** A key that has proved itself: its row's id and name. */
interface VerifiedKey {
  id: string;
  name: string;
}

const ROLES: readonly Role[] = ['VIEWER', 'ADMIN'];
const VERIFIED_CACHE_LIMIT = 1000;

const fingerprintOf = (key: string) => createHash('sha256').update(key).digest('hex');
const BEARER = /^Bearer\s+(\S+)\s*$/i;

@Injectable()
export class ApiKeysService {
  /**
   * scrypt is slow on purpose; remember which key a presented key proved to be (by its SHA-256),
   * so each request pays one indexed lookup, which still sees a revocation at once.
   */
  private readonly verified = new Map<string, VerifiedKey>();

  /**
   * What a key that is not ours is checked against, so an unknown prefix costs the same scrypt as a
   * live one: the time of a refusal does not tell whether a prefix exists.
   */
  private readonly standIn = hashKey(generateKey().key);

  /** One lookup per request, shared by the rate limiter (which needs the key's name) and the auth guard. */
  private readonly callers = new WeakMap<RequestLike, Promise<Caller | undefined>>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly writes: AuditedWriteService,
  ) {}

  private get keys() {
    return this.db.getRepository(ApiKeyEntity);
  }

  /**
   * Creates a key and returns it in clear, the only time it exists outside the caller's hands. The
   * audit log records who created it, its name and its role; never the key.
   */
  async create(name: string, role: string, by: Actor): Promise<{ key: string; record: ApiKeyEntity }> {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > INPUT_LIMITS.apiKeyName)
      throw new InvalidInput('name', `name must be 1 to ${INPUT_LIMITS.apiKeyName} characters`);
    const upperRole = role.toUpperCase() as Role;
    if (!ROLES.includes(upperRole))
      throw new InvalidInput('role', `role must be one of ${ROLES.join(', ').toLowerCase()}`);
    const { key, prefix } = generateKey();
    const keyHash = await hashKey(key);
    return this.writes.run(by, async (tx) => {
      const keys = tx.manager.getRepository(ApiKeyEntity);
      if (await keys.existsBy({ name: trimmed })) throw new AlreadyExists(`A key named "${trimmed}" exists already`);
      const record = await keys.save({ name: trimmed, role: upperRole, prefix, keyHash, revokedAt: null });
      // A key is no registry record: its change clears caches but tells no subscriber anything.
      await tx.recordChange({
        operation: 'createApiKey',
        before: null,
        after: { name: trimmed, role: upperRole },
        subject: null,
      });
      return { key, record };
    });
  }

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'ASC' } });
  }

  /** Revokes a key at once; audited like its creation (a key already revoked changes nothing). */
  revoke(name: string, by: Actor): Promise<ApiKeyEntity> {
    return this.writes.run(by, async (tx) => {
      const keys = tx.manager.getRepository(ApiKeyEntity);
      const record = await keys.findOne({ where: { name }, lock: { mode: 'pessimistic_write' } });
      if (!record) throw new NotFound(`No key is named "${name}"`);
      if (!record.revokedAt) {
        record.revokedAt = new Date();
        await keys.save(record);
        await tx.recordChange({
          operation: 'revokeApiKey',
          before: { name: record.name, role: record.role, revokedAt: null },
          after: { name: record.name, role: record.role, revokedAt: record.revokedAt },
          subject: null,
        });
      }
      return record;
    });
  }

  /**
   * Of these key ids, the ones no longer live (revoked, or gone): one query, for the connections that
   * outlive the request that proved their key (live subscriptions).
   */
  async notLiveAmong(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const live = await this.keys.find({ select: { id: true }, where: { id: In([...ids]), revokedAt: IsNull() } });
    const liveIds = new Set(live.map((record) => record.id));
    return new Set(ids.filter((id) => !liveIds.has(id)));
  }

  /** A live key by name, for tools that act under a key's name (the bulk import). */
  async findActiveByName(name: string): Promise<Caller | undefined> {
    const record = await this.keys.findOneBy({ name });
    return record && !record.revokedAt ? { keyId: record.id, keyName: record.name, role: record.role } : undefined;
  }

  /**
   * The name of the key a header carries, when that exact key has already proved itself here: a
   * hash and a map look-up, no database and no scrypt, so the rate limit can run before any key work.
   */
  verifiedKeyNameOf(header: string | string[] | undefined): string | undefined {
    const key = BEARER.exec((Array.isArray(header) ? header[0] : header) ?? '')?.[1];
    return key === undefined ? undefined : this.verified.get(fingerprintOf(key))?.name;
  }

  /** The caller a request's `Authorization` header proves, looked up once per request. */
  callerOf(request: RequestLike): Promise<Caller | undefined> {
    let lookup = this.callers.get(request);
    if (!lookup) {
      const header = request.headers.authorization;
      lookup = this.authenticate(Array.isArray(header) ? header[0] : header);
      this.callers.set(request, lookup);
    }
    return lookup;
  }

  /**
   * The caller an `Authorization` header proves, or undefined when there is none.
   * A header that is present but not a live key is UNAUTHENTICATED, never silently anonymous.
   */
  async authenticate(header: string | undefined): Promise<Caller | undefined> {
    if (header === undefined || header === '') return undefined;
    const key = BEARER.exec(header)?.[1];
    const refuse = () =>
      new Unauthenticated('The API key is not valid; send Authorization: Bearer <key> with a live key');
    if (!key) throw refuse();
    const prefix = prefixOf(key);
    if (!prefix) throw refuse();
    const fingerprint = fingerprintOf(key);
    const known = this.verified.get(fingerprint);
    const record = known ? await this.keys.findOneBy({ id: known.id }) : await this.keys.findOneBy({ prefix });
    if (known) {
      if (!record || record.revokedAt) {
        this.verified.delete(fingerprint);
        throw refuse();
      }
    } else {
      // Always one scrypt, against the row's hash or a stand-in: unknown, revoked and wrong keys take as long.
      const isProved = await isKeyOf(key, record?.keyHash ?? (await this.standIn));
      if (!record || record.revokedAt || !isProved) throw refuse();
      if (this.verified.size >= VERIFIED_CACHE_LIMIT) this.verified.clear();
      this.verified.set(fingerprint, { id: record.id, name: record.name });
    }
    return { keyId: record.id, keyName: record.name, role: record.role };
  }
}
