import { Injectable } from '@nestjs/common';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { AlreadyExists, InvalidInput, NotFound, VersionConflict } from '../common/domain-errors.js';
import type { WriteTransaction } from '../audit/write-transaction.js';
import type { WriteRequest } from '../common/write-request.js';
import { isIsoCountryCode, searchTextOf } from './country-catalog.js';
import type { AddParticipantInput } from './dto/add-participant.input.js';
import type { UpdateParticipantInput } from './dto/update-participant.input.js';
import { ParticipantKind } from './participant-kind.js';
import type { ParticipantView } from './participant.model.js';
import { parseParticipantCode } from './participant-code.js';
import { ParticipantRepository } from './participant.repository.js';
import { toParticipantView } from './participants.service.js';

/** An update of a participant: `undefined` keeps a field; null aliases clear the list. */
export interface ParticipantUpdate {
  /** As stored: upper case (alpha-2, alpha-3 or acronym). */
  code: string;
  expectedVersion: number;
  name?: string | null;
  aliases?: string[] | null;
  operation: string;
}

@Injectable()
export class ParticipantWritesService {
  constructor(
    private readonly writes: AuditedWriteService,
    private readonly participants: ParticipantRepository,
  ) {}

  /**
   * Organisations are added by hand. Countries come from ISO 3166-1 (the registry already knows all
   * of them), so a country code ISO does not know is refused, and a known one is a CONFLICT.
   */
  addParticipant(write: WriteRequest, input: AddParticipantInput): Promise<ParticipantView> {
    return this.writes.perform(write, 'addParticipant', input, async (tx) => {
      const code = parseParticipantCode(input.code, 'code');
      if (input.kind === ParticipantKind.COUNTRY && (!/^[A-Z]{2}$/.test(code) || !isIsoCountryCode(code))) {
        throw new InvalidInput('code', `${code} is not an ISO 3166-1 alpha-2 country code`);
      }
      const existing = await this.participants.byCode(code, tx.manager);
      if (existing) throw new AlreadyExists(`The registry already knows ${code} (${existing.name})`);
      const aliases = input.aliases ?? [];
      const row = await this.participants.insert(tx.manager, {
        kind: ParticipantKind.INTERNATIONAL_ORGANIZATION,
        code,
        alpha3: null,
        name: input.name,
        officialName: null,
        region: null,
        subregion: null,
        website: input.website ?? null,
        aliases,
        searchText: searchTextOf([code, input.name, ...aliases]),
      });
      const view = toParticipantView(row);
      await tx.recordChange({
        operation: 'addParticipant',
        before: null,
        after: view,
        subject: { kind: 'PARTICIPANT', id: view.id, coalitionId: null },
      });
      return view;
    });
  }

  updateParticipant(write: WriteRequest, input: UpdateParticipantInput): Promise<ParticipantView> {
    return this.writes.perform(write, 'updateParticipant', input, (tx) =>
      this.update(tx, {
        code: parseParticipantCode(input.code, 'code'),
        expectedVersion: input.expectedVersion,
        name: input.name,
        aliases: input.aliases,
        operation: 'updateParticipant',
      }),
    );
  }

  /**
   * Renames a participant or replaces its aliases, if nobody changed it since `expectedVersion`,
   * inside the caller's WriteTransaction (a mutation's or a dataset revision's). The search text
   * follows; a country so changed keeps the admin's words over the ISO catalog's from then on.
   */
  async update(tx: WriteTransaction, update: ParticipantUpdate): Promise<ParticipantView> {
    const existing = await this.participants.lockByCode(tx.manager, update.code);
    if (!existing) throw new NotFound(`No participant has the code "${update.code}"`, { argument: 'code' });
    if (existing.version !== update.expectedVersion) {
      throw new VersionConflict(
        `${existing.code} is at version ${existing.version}, not ${update.expectedVersion}: someone changed it; read it again`,
        { currentVersion: existing.version },
      );
    }
    if (update.name === null) throw new InvalidInput('name', 'name must not be empty');
    const name = update.name ?? existing.name;
    const aliases = update.aliases === undefined ? existing.aliases : (update.aliases ?? []);
    const row = await this.participants.update(tx.manager, existing.id, {
      name,
      aliases,
      searchText: searchTextOf([existing.code, existing.alpha3, name, existing.officialName, ...aliases]),
    });
    await tx.recordChange({
      operation: update.operation,
      before: toParticipantView(existing),
      after: toParticipantView(row),
      subject: { kind: 'PARTICIPANT', id: row.id, coalitionId: null },
    });
    return toParticipantView(row);
  }
}
