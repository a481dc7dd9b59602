import { Injectable } from '@nestjs/common';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { AlreadyExists, InvalidInput } from '../common/domain-errors.js';
import type { WriteRequest } from '../common/write-request.js';
import { isIsoCountryCode, searchTextOf } from './country-catalog.js';
import type { AddParticipantInput } from './dto/add-participant.input.js';
import { ParticipantKind } from './participant-kind.js';
import type { ParticipantView } from './participant.model.js';
import { parseParticipantCode } from './participant-code.js';
import { ParticipantRepository } from './participant.repository.js';
import { toParticipantView } from './participants.service.js';

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
}
