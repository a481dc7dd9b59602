import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../audit/actor.js';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { AlreadyExists, InvalidInput, NotFound, Unauthenticated } from '../common/domain-errors.js';
import { INPUT_LIMITS } from '../common/input-rules.js';
import type { Caller, RequestLike, Role } from '../common/graphql-context.js';
import { ApiKeyEntity } from './api-key.entity.js';
import { generateKey, hashKey, isKeyOf, prefixOf } from './api-key-secret.js';

const ROLES: readonly Role[] = ['VIEWER', 'ADMIN'];
const VERIFIED_CACHE_LIMIT = 1000;

@Injectable()
export class ApiKeysService {
  /**
   * scrypt is slow on purpose; remember which key id a presented key proved to be (by its SHA-256),
   * so each request pays one indexed lookup, which still sees a revocation at once.
   */
  private readonly verified = new Map<string, string>();

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
      await tx.recordChange({ operation: 'createApiKey', before: null, after: { name: trimmed, role: upperRole } });
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
        });
      }
      return record;
    });
  }

  /** A live key by name, for tools that act under a key's name (the bulk import). */
  async findActiveByName(name: string): Promise<Caller | undefined> {
    const record = await this.keys.findOneBy({ name });
    return record && !record.revokedAt ? { keyId: record.id, keyName: record.name, role: record.role } : undefined;
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
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const refuse = () =>
      new Unauthenticated('The API key is not valid; send Authorization: Bearer <key> with a live key');
    if (!match) throw refuse();
    const key = match[1];
    const prefix = prefixOf(key);
    if (!prefix) throw refuse();
    const fingerprint = createHash('sha256').update(key).digest('hex');
    const knownId = this.verified.get(fingerprint);
    const record = knownId ? await this.keys.findOneBy({ id: knownId }) : await this.keys.findOneBy({ prefix });
    if (!record || record.revokedAt) throw refuse();
    if (!knownId) {
      if (!(await isKeyOf(key, record.keyHash))) throw refuse();
      if (this.verified.size >= VERIFIED_CACHE_LIMIT) this.verified.clear();
      this.verified.set(fingerprint, record.id);
    }
    return { keyId: record.id, keyName: record.name, role: record.role };
  }
}
