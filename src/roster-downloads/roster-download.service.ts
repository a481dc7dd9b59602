import { Injectable } from '@nestjs/common';
import { CoalitionsService } from '../coalitions/coalitions.service.js';
import { NotFound } from '../common/domain-errors.js';
import { RequestLoaders } from '../common/request-loaders.js';
import type { DatePrecision } from '../common/date-precision.js';
import { MembershipsService } from '../memberships/memberships.service.js';
import { MembershipPagesService } from '../memberships/membership-pages.service.js';
import type { MembershipStatus } from '../memberships/membership-status.js';
import { ParticipantsService } from '../participants/participants.service.js';

/** One member of a roster download: the fields a briefing note needs, and the evidence as addresses. */
export interface RosterEntry {
  participantCode: string;
  name: string;
  kind: string;
  /** Null for an international organisation. */
  region: string | null;
  status: MembershipStatus;
  statusSince: string;
  statusSincePrecision: DatePrecision;
  /** Every source address of the membership's history up to the date, oldest first, each once. */
  sources: string[];
}

export interface RosterDownload {
  coalition: string;
  /** The date the roster was taken at; null for today's. */
  asOf: string | null;
  entries: RosterEntry[];
}

const PAGE = 100;

/**
 * A coalition's whole named roster, now or on a date, read through the same services (and so the same
 * rules and SQL) as the GraphQL `memberships` field, in its default order: by participant name.
 */
@Injectable()
export class RosterDownloadService {
  constructor(
    private readonly coalitions: CoalitionsService,
    private readonly pages: MembershipPagesService,
    private readonly memberships: MembershipsService,
    private readonly participants: ParticipantsService,
  ) {}

  async roster(slug: string, asOf: string | null): Promise<RosterDownload> {
    const coalition = await this.coalitions.findBySlug(slug, 'slug');
    if (!coalition) throw new NotFound(`No coalition has the slug "${slug}"`, { argument: 'slug' });
    const loaders = new RequestLoaders();
    const entries: RosterEntry[] = [];
    let after: string | null = null;
    do {
      const page = await this.pages.page(
        { coalitionId: coalition.id, first: PAGE, after, asOf, isTotalNeeded: false },
        loaders,
      );
      const rows = await Promise.all(
        page.nodes.map(async (membership) => {
          const [participant, history] = await Promise.all([
            this.participants.load(loaders, membership.participantId),
            this.memberships.history(loaders, membership.id, asOf, true),
          ]);
          const urls = history.flatMap((event) => (event.sources ?? []).map((source) => source.url));
          return {
            participantCode: participant.code,
            name: participant.name,
            kind: participant.kind,
            region: participant.region ?? null,
            status: membership.status,
            statusSince: membership.statusSince,
            statusSincePrecision: membership.statusSincePrecision,
            sources: [...new Set(urls.filter((url): url is string => url !== null))],
          };
        }),
      );
      entries.push(...rows);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return { coalition: coalition.slug, asOf, entries };
  }
}
