import { Injectable } from '@nestjs/common';
import { AuditedWriteService } from '../audit/audited-write.service.js';
import { AlreadyExists, InvalidInput } from '../common/domain-errors.js';
import type { GraphqlContext } from '../common/graphql-context.js';
import { optionalText, requiredText } from '../common/text-input.js';
import { isIsoCountryCode, searchTextOf } from './country-catalog.js';
import type { AddParticipantInput } from './dto/add-participant.input.js';
import { ParticipantKind } from './participant-kind.js';
import { ParticipantEntity } from './participant.entity.js';
import type { ParticipantView } from './participant.model.js';
import { parseParticipantCode } from './participant-code.js';
import { toParticipantView } from './participants.service.js';

@Injectable()
export class ParticipantWritesService {
  constructor(private readonly writes: AuditedWriteService) {}

  /**
   * Organisations are added by hand. Countries come from ISO 3166-1 (the registry already knows all
   * of them), so a country code ISO does not know is refused, and a known one is a CONFLICT.
   */
  addParticipant(context: GraphqlContext, input: AddParticipantInput): Promise<ParticipantView> {
    return this.writes.perform(context, 'addParticipant', input, async (manager) => {
      const code = parseParticipantCode(input.code, 'code');
      const name = requiredText(input.name, 'name', 200);
      const website = optionalText(input.website, 'website', 500);
      if (website && !/^https?:\/\/[^\s]+$/.test(website))
        throw new InvalidInput('website', 'website must be an http or https address');
      const aliases = (input.aliases ?? []).map((alias, index) => requiredText(alias, `aliases[${index}]`, 200));
      if (aliases.length > 50) throw new InvalidInput('aliases', 'aliases may list at most 50 names');
      if (input.kind === ParticipantKind.COUNTRY && (!/^[A-Z]{2}$/.test(code) || !isIsoCountryCode(code))) {
        throw new InvalidInput('code', `${code} is not an ISO 3166-1 alpha-2 country code`);
      }
      const participants = manager.getRepository(ParticipantEntity);
      const existing = await participants
        .createQueryBuilder('p')
        .where('p.code = :code OR p.alpha3 = :code', { code })
        .getOne();
      if (existing) throw new AlreadyExists(`The registry already knows ${code} (${existing.name})`);
      const row = await participants.save({
        kind: ParticipantKind.INTERNATIONAL_ORGANIZATION,
        code,
        alpha3: null,
        name,
        officialName: null,
        region: null,
        subregion: null,
        website,
        aliases,
        searchText: searchTextOf([code, name, ...aliases]),
      });
      const view = toParticipantView(row);
      return { result: view, before: null, after: view };
    });
  }
}
