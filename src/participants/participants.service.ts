import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInput } from '../common/domain-errors.js';
import { INPUT_LIMITS } from '../common/input-rules.js';
import { checkPageSize } from '../common/pagination.js';
import type { RequestLoaders } from '../common/request-loaders.js';
import { foldForSearch } from '../common/search-text.js';
import { countryCatalog, searchTextOf } from './country-catalog.js';
import { ParticipantKind } from './participant-kind.js';
import type { ParticipantView } from './participant.model.js';
import type { ParticipantEntity } from './participant.entity.js';
import { parseParticipantCode } from './participant-code.js';
import { needsWholeParticipant } from './participant-projection.js';
import { ParticipantRepository } from './participant.repository.js';

/** The fields of its kind added to one object, not spread from a shared part: a page maps fifty per request. */
export function toParticipantView(row: ParticipantEntity): ParticipantView {
  const view: ParticipantView = {
    id: row.id,
    code: row.code,
    kind: row.kind,
    name: row.name,
    aliases: row.aliases,
    version: row.version,
  };
  if (row.kind === ParticipantKind.COUNTRY) {
    view.alpha2 = row.code;
    view.alpha3 = row.alpha3 ?? '';
    view.officialName = row.officialName;
    view.region = row.region;
    view.subregion = row.subregion;
  } else {
    view.acronym = row.code;
    view.website = row.website;
  }
  return view;
}

/** An international organisation as the seed names it: acronym, full name, aliases. */
export interface OrganizationFacts {
  acronym: string;
  name: string;
  aliases: string[];
}

@Injectable()
export class ParticipantsService {
  constructor(private readonly participants: ParticipantRepository) {}

  /** By alpha-2, alpha-3 or acronym, any case. Null when the registry does not know the code. */
  async findByCode(rawCode: string, argument = 'code'): Promise<ParticipantView | null> {
    const row = await this.findEntityByCode(parseParticipantCode(rawCode, argument));
    return row ? toParticipantView(row) : null;
  }

  findEntityByCode(code: string, manager?: EntityManager): Promise<ParticipantEntity | null> {
    return this.participants.byCode(code.toUpperCase(), manager);
  }

  /** Partial, case- and accent-insensitive match on names, codes and aliases; closest matches first. */
  async search(text: string, first: number | undefined): Promise<ParticipantView[]> {
    const size = checkPageSize(first, 20);
    if (text.length > INPUT_LIMITS.searchText) {
      throw new InvalidInput('text', `text must be at most ${INPUT_LIMITS.searchText} characters`);
    }
    const folded = foldForSearch(text);
    if (folded.length === 0) throw new InvalidInput('text', 'text must contain at least one letter or digit');
    return (await this.participants.search(folded, size)).map(toParticipantView);
  }

  /** Batched by id for relation fields (a page of memberships asks for 50 participants at once). */
  load(loaders: RequestLoaders, id: string): Promise<ParticipantView> {
    return this.loader(loaders).load(id);
  }

  /** Hands the request's loader participants a query has already read (a page joins them anyway). */
  /**
   * The views of participants another feature's query read with `participantJson(alias, fields)`,
   * by the key it gives each. Whole ones prime the request's loader; one read for a few fields
   * must not, or a later read of the same participant in the request would miss the others.
   */
  fromPage<Key>(
    loaders: RequestLoaders,
    rows: ReadonlyArray<[Key, ParticipantEntity | null]>,
    fields: ReadonlySet<string>,
  ): Map<Key, ParticipantView> {
    const loader = needsWholeParticipant(fields) ? this.loader(loaders) : null;
    const views = new Map<Key, ParticipantView>();
    for (const [key, row] of rows) {
      if (row === null) continue;
      const view = toParticipantView(row);
      loader?.prime(row.id, view);
      views.set(key, view);
    }
    return views;
  }

  /** Every ISO country, refreshed from the packages' catalog (so a package update reaches the data). */
  refreshCountries(manager: EntityManager): Promise<void> {
    return this.participants.upsertCountries(manager, countryCatalog());
  }

  /** The organisation with this acronym, added when the registry does not know it yet. */
  async ensureOrganization(manager: EntityManager, organization: OrganizationFacts): Promise<ParticipantEntity> {
    const existing = await this.participants.byCode(organization.acronym, manager);
    if (existing) return existing;
    return this.participants.insert(manager, {
      kind: ParticipantKind.INTERNATIONAL_ORGANIZATION,
      code: organization.acronym,
      alpha3: null,
      name: organization.name,
      officialName: null,
      region: null,
      subregion: null,
      website: null,
      aliases: organization.aliases,
      searchText: searchTextOf([organization.acronym, organization.name, ...organization.aliases]),
    });
  }

  private loader(loaders: RequestLoaders) {
    return loaders.get<string, ParticipantView>('participant', async (ids) => {
      const rows = await this.participants.byIds(ids);
      const byId = new Map(rows.map((row) => [row.id, toParticipantView(row)]));
      return ids.map((participantId) => byId.get(participantId) ?? new Error(`participant ${participantId} missing`));
    });
  }
}
